using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.PromisedPayments;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Billing.Accounts;

/// <summary>
/// What a new account is made of. An import may name the agency by <c>AgencyExternalId</c> instead of <c>AgencyId</c>,
/// for an agency created earlier in the same import.
/// </summary>
public sealed record NewAccount(string Name, string Currency, decimal DailyTariff, AccountKind Kind = AccountKind.Customer, int? AgencyId = null, string? TimeZone = null, string? ExternalId = null, string? AgencyExternalId = null);

/// <summary>An account with its forecast and recommended top-up amounts.</summary>
public sealed record AccountSummary(Account Account, Forecast Forecast, DateOnly Today);

/// <summary>What an account's morning digest tells: its summary, the invoices still unpaid (newest first) and the promised payments not repaid.</summary>
public sealed record AccountMorning(AccountSummary Summary, IReadOnlyList<Invoice> Unpaid, IReadOnlyList<PromisedPayment> Unsettled);

/// <summary>One page of an account's history, newest first.</summary>
public sealed record HistoryPage(IReadOnlyList<LedgerEntry> Entries, int Page, bool HasMore);

/// <summary>Accounts in id order, a page at a time; <see cref="Next"/> is where the next page starts (after that id), null after the last.</summary>
public sealed record AccountPage(IReadOnlyList<Account> Accounts, int? Next);

/// <summary>
/// What <see cref="AccountService.Change"/> changes: each value given, or left as it is when null;
/// <c>ClearLowBalanceMoney</c> turns the money threshold of the low-balance alert off.
/// </summary>
public sealed record AccountChange(string? Name = null, string? TimeZone = null, int? LowBalanceDays = null, decimal? LowBalanceMoney = null, bool ClearLowBalanceMoney = false);

/// <summary>Creates accounts and reads them back with forecasts and history.</summary>
public sealed class AccountService
{
    public const int PageSize = 20;

    private readonly BillingStore _store;
    private readonly Postings _postings;
    private readonly TimeProvider _time;
    private readonly AccountOptions _options;

    internal AccountService(BillingStore store, Postings postings, TimeProvider time, BillingSettings settings)
    {
        _store = store;
        _postings = postings;
        _time = time;
        _options = settings.Accounts;
    }

    public Account Create(NewAccount request) => _store.Write(() => Insert(request));

    /// <summary>Creates the accounts not created before (matched by external id); returns each row's account and whether it is new.</summary>
    public IReadOnlyList<(Account Account, bool Created)> Import(IReadOnlyList<NewAccount> rows)
    {
        if (rows.Any(r => string.IsNullOrWhiteSpace(r.ExternalId)))
        {
            throw new BillingException(BillingError.MissingExternalId, ("name", rows.First(r => string.IsNullOrWhiteSpace(r.ExternalId)).Name));
        }

        return _store.Write(() => rows.Select(row =>
        {
            var existing = _store.Accounts.FindOne(Filter.Equal(nameof(Account.ExternalId), row.ExternalId));
            return existing is null ? (Insert(row), true) : (existing, false);
        }).ToList());
    }

    public Account Get(int id) => _store.Read(() => _postings.Account(id));

    /// <summary>The account, or null where there is none.</summary>
    public Account? Find(int id) => _store.Read(() => _postings.Find(id));

    /// <summary>The ids of the accounts with these external ids, of those there are: found by the external id's index, no other account read.</summary>
    public IReadOnlyDictionary<string, int> IdsByExternalId(IEnumerable<string> externalIds) => _store.Read(() =>
        externalIds.Distinct(StringComparer.Ordinal).Chunk(500)
            .SelectMany(chunk => _store.Accounts.Find(Query.In(nameof(Account.ExternalId), chunk.Select(id => new BsonValue(id)))))
            .ToDictionary(a => a.ExternalId!, a => a.Id, StringComparer.Ordinal));

    /// <summary>
    /// The accounts an operator looks for, at most <paramref name="limit"/>: the one with that id ("12" or "#12"), the one
    /// with that external id, then those whose name holds the text in any case, in id order.
    /// </summary>
    public IReadOnlyList<Account> Search(string query, int limit)
    {
        var text = query.Trim();
        var found = new List<Account>();
        if (text.Length == 0)
        {
            return found;
        }

        void Add(Account? account)
        {
            if (account is not null && found.Count < limit && found.All(f => f.Id != account.Id))
            {
                found.Add(account);
            }
        }

        Add(int.TryParse(text.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? Find(id) : null);
        Add(IdsByExternalId([text]).Values.Select(Find).FirstOrDefault());
        foreach (var account in All().Where(a => a.Name.Contains(text, StringComparison.OrdinalIgnoreCase)))
        {
            if (found.Count >= limit)
            {
                break;
            }

            Add(account);
        }

        return found;
    }

    public IReadOnlyList<Account> List() => _store.Read(() => _store.Accounts.FindAll().ToList());

    /// <summary>Up to <paramref name="limit"/> accounts after account <paramref name="after"/>, in id order: a list too long to hold at once, a page at a time.</summary>
    public AccountPage List(int after, int limit)
    {
        var accounts = _store.Read(() => _store.Accounts.Find(Query.GT("_id", after), limit: limit).ToList());
        return new AccountPage(accounts, accounts.Count == limit ? accounts[^1].Id : null);
    }

    /// <summary>Every account in id order, read a page at a time as it is enumerated: a long list is never held whole.</summary>
    public IEnumerable<Account> All(int page = 1_000)
    {
        for (var after = 0; ;)
        {
            var read = List(after, page);
            foreach (var account in read.Accounts)
            {
                yield return account;
            }

            if (read.Next is not { } next)
            {
                yield break;
            }

            after = next;
        }
    }

    public IReadOnlyList<Account> Agencies() => _store.Read(() => _store.Accounts.Find(Filter.Equal(nameof(Account.Kind), nameof(AccountKind.Agency))).ToList());

    public IReadOnlyList<Account> ClientsOf(int agencyId) => _store.Read(() => _store.Accounts.Find(Filter.Equal(nameof(Account.AgencyId), agencyId)).ToList());

    public AccountSummary Summary(int id)
    {
        var account = Get(id);
        var today = _time.Today(account.TimeZone);
        return new AccountSummary(account, Forecast.Of(account, today), today);
    }

    /// <summary>
    /// The mornings of the accounts with ids from <paramref name="first"/> through <paramref name="last"/>, by id, from one
    /// snapshot: a range of accounts and the invoices and promised payments of that range, three range reads for a page
    /// of digests where a lookup each would cost more than the digest itself.
    /// </summary>
    public IReadOnlyDictionary<int, AccountMorning> Mornings(int first, int last) => _store.Read(() =>
    {
        var accounts = _store.Accounts.Find(Filter.Between("_id", first, last)).ToList();
        // The status is tested on the stored document, so the paid and repaid are never even read into objects.
        var unpaid = _store.Invoices
            .Find(BsonExpression.Create($"$.{nameof(Invoice.AccountId)} BETWEEN @0 AND @1 AND $.{nameof(Invoice.Status)} = @2", first, last, nameof(InvoiceStatus.Unpaid)))
            .ToLookup(i => i.AccountId);
        var unsettled = _store.Promises
            .Find(BsonExpression.Create($"$.{nameof(PromisedPayment.AccountId)} BETWEEN @0 AND @1 AND $.{nameof(PromisedPayment.Status)} != @2", first, last, nameof(PromiseStatus.Repaid)))
            .ToLookup(p => p.AccountId);
        return accounts.ToDictionary(a => a.Id, a =>
        {
            var today = _time.Today(a.TimeZone);
            return new AccountMorning(
                new AccountSummary(a, Forecast.Of(a, today), today),
                [.. unpaid[a.Id].OrderByDescending(i => i.CreatedAt)],
                [.. unsettled[a.Id].OrderBy(p => p.Id)]);
        });
    });

    /// <summary>
    /// Sets the daily tariff from today on, in the account's zone: days that have ended and are not charged yet
    /// (the daily run not come yet, or a bot that was down) are charged first, at the tariff they had.
    /// </summary>
    public Account SetTariff(int id, decimal tariff) => _store.Write(() =>
    {
        var account = _postings.Account(id);
        var newTariff = RequireTariff(tariff, account.Currency);
        _postings.Accrue(account, _time.Today(account.TimeZone).AddDays(-1));
        var updated = _postings.Account(id) with { DailyTariff = newTariff };
        _postings.Save(updated);
        return updated;
    });

    public Account SetThresholds(int id, int days, decimal? money) => Change(id, new AccountChange(LowBalanceDays: days, LowBalanceMoney: money, ClearLowBalanceMoney: money is null));

    /// <summary>
    /// Changes what <paramref name="change"/> names (null leaves it). A new time zone first charges the days that have
    /// ended in the old one, at the old zone's dates; the tariff then runs on from the last day charged, in the new
    /// zone's dates, so no day is charged twice and none is skipped whichever way the zone moves.
    /// </summary>
    public Account Change(int id, AccountChange change) => _store.Write(() =>
    {
        if (change.LowBalanceDays is < 0 or > 365)
        {
            throw new BillingException(BillingError.InvalidThreshold, ("days", change.LowBalanceDays));
        }

        var account = _postings.Account(id);
        var name = change.Name is { } typed ? RequireName(typed) : account.Name;
        var zone = change.TimeZone is { } asked ? TimeZones.Find(asked) ?? throw new BillingException(BillingError.UnknownTimeZone, ("zone", asked)) : account.TimeZone;
        var money = change.ClearLowBalanceMoney ? null : change.LowBalanceMoney is { } threshold ? Money.Require(threshold, account.Currency, _options.MaxAmount) : account.LowBalanceMoney;
        if (zone != account.TimeZone)
        {
            _postings.Accrue(account, _time.Today(account.TimeZone).AddDays(-1));
        }

        var updated = _postings.Account(id) with { Name = name, TimeZone = zone, LowBalanceDays = change.LowBalanceDays ?? account.LowBalanceDays, LowBalanceMoney = money };
        _postings.Save(updated);
        return updated;
    });

    /// <summary>A name as it is kept: trimmed, 1 to 200 characters, no control character (a newline would forge lines wherever it is listed).</summary>
    private static string RequireName(string typed)
    {
        var name = typed.Trim();
        return name.Length is 0 or > 200 || CallerKey.HasControl(name) ? throw new BillingException(BillingError.InvalidName, ("name", typed)) : name;
    }

    /// <summary>Page 1 is the newest <see cref="PageSize"/> entries.</summary>
    public HistoryPage History(int id, int page = 1, int pageSize = PageSize)
    {
        page = Math.Max(1, page);
        return _store.Read(() =>
        {
            var account = _postings.Account(id);
            var skip = (long)(page - 1) * pageSize;
            if (skip >= account.LastSeq)
            {
                // Past the oldest entry (a page number so large its offset would not even fit an int included).
                return new HistoryPage([], page, false);
            }

            var entries = _store.Entries.Query()
                .Where(Filter.Between(nameof(LedgerEntry.Position), LedgerEntry.PositionOf(id, 0), LedgerEntry.PositionOf(id, uint.MaxValue)))
                .OrderByDescending(e => e.Position)
                .Skip((int)skip)
                .Limit(pageSize + 1)
                .ToList();
            return new HistoryPage(entries.Take(pageSize).ToList(), page, entries.Count > pageSize);
        });
    }

    /// <summary>The entries posted from <paramref name="first"/> through <paramref name="last"/>, billing days of the account's time zone.</summary>
    public Statement Statement(int id, DateOnly first, DateOnly last) =>
        _store.Read(() => StatementQuery.Read(_store, _postings.Account(id), first, last));

    private Account Insert(NewAccount request)
    {
        var name = RequireName(request.Name);

        if (request.ExternalId is { } externalId)
        {
            CallerKey.Require(externalId);
        }

        var currency = Money.Currency(request.Currency);
        // As a person types it ("moscow", "UTC+3"), stored as its IANA id.
        var zone = request.TimeZone is { } typed ? TimeZones.Find(typed) ?? throw new BillingException(BillingError.UnknownTimeZone, ("zone", typed)) : _options.DefaultTimeZone;
        _ = Clock.Zone(zone);
        var agencyId = request.AgencyExternalId is { } reference
            ? _store.Accounts.FindOne(Filter.Equal(nameof(Account.ExternalId), reference))?.Id ?? throw new BillingException(BillingError.UnknownAccount, ("id", reference))
            : request.AgencyId;
        if (agencyId is not null)
        {
            if (request.Kind == AccountKind.Agency)
            {
                throw new BillingException(BillingError.AgencyCannotBeClient);
            }

            var agency = _postings.Account(agencyId.Value);
            if (agency.Kind != AccountKind.Agency)
            {
                throw new BillingException(BillingError.NotAnAgency, ("id", agency.Id), ("name", agency.Name));
            }

            if (agency.Currency != currency)
            {
                throw new BillingException(BillingError.CurrencyMismatch, ("expected", agency.Currency), ("actual", currency));
            }
        }

        var account = new Account
        {
            Name = name,
            Kind = request.Kind,
            AgencyId = agencyId,
            Currency = currency,
            DailyTariff = RequireTariff(request.DailyTariff, currency),
            LowBalanceDays = _options.DefaultLowBalanceDays,
            TimeZone = zone,
            ExternalId = request.ExternalId,
            CreatedAt = _time.GetUtcNow(),
            BillingStart = _time.Today(zone),
        };
        var id = _store.Accounts.Insert(account).AsInt32;
        _postings.Created(id);
        return account with { Id = id };
    }

    private decimal RequireTariff(decimal tariff, string currency) =>
        tariff == 0 ? 0 : Money.Require(tariff, currency, _options.MaxAmount);
}
