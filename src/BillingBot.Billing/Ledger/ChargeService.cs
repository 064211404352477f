using System.Globalization;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Billing.Ledger;

/// <summary>What one accrual run did.</summary>
public sealed record AccrualResult(int AccountsChecked, int Charges);

/// <summary>Service charges: usage posted by an operator and the daily tariff accrued for every account.</summary>
public sealed class ChargeService
{
    /// <summary>Accounts charged per transaction: big enough to be fast, small enough not to hold the file long.</summary>
    public const int AccrualBatch = 2_000;

    private readonly BillingStore _store;
    private readonly Postings _postings;
    private readonly TimeProvider _time;
    private readonly decimal _maxAmount;

    internal ChargeService(BillingStore store, Postings postings, TimeProvider time, BillingSettings settings)
    {
        _store = store;
        _postings = postings;
        _time = time;
        _maxAmount = settings.Accounts.MaxAmount;
    }

    public static string TariffKey(int accountId, DateOnly day) => $"tariff/{accountId}/{day:yyyy-MM-dd}";

    /// <summary>A caller's key lives in a namespace of its own, so it can never collide with a tariff day or a payment.</summary>
    public static string UsageKey(int accountId, string key) => $"usage/{accountId}/{LedgerEntry.KeyPart(key)}";

    /// <summary>
    /// Posts a usage charge for a billing day that has begun. Each call is a charge of its own, unless it names a
    /// <paramref name="key"/>: the same key again changes nothing.
    /// </summary>
    public LedgerEntry Post(int accountId, DateOnly day, decimal amount, string? note = null, string? key = null) =>
        PostCharge(accountId, day, amount, note, key).Entry;

    /// <summary>
    /// <see cref="Post"/>, also saying whether the key had been used already (nothing changed) and the account's balance
    /// after everything the charge set off (an agency's auto top-up of its client comes in the same transaction).
    /// </summary>
    public PostedCharge PostCharge(int accountId, DateOnly day, decimal amount, string? note = null, string? key = null) => _store.Write(() =>
    {
        if (key is not null)
        {
            CallerKey.Require(key);
        }

        var account = _postings.Account(accountId);
        Money.Require(amount, account.Currency, _maxAmount);
        if (day > _time.Today(account.TimeZone))
        {
            throw new BillingException(BillingError.ChargeDateInFuture, ("date", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        var request = new LedgerEntry { Id = UsageKey(accountId, key ?? Guid.NewGuid().ToString("N")), Amount = -amount, Kind = EntryKind.ServiceCharge, ChargeDate = day, Note = note };
        if (_postings.Replayed(accountId, request) is { } previous)
        {
            return new PostedCharge(previous, AlreadyRecorded: true, account.Balance);
        }

        _postings.Debit(account, request);
        return new PostedCharge(_store.Entries.FindById(request.Id), AlreadyRecorded: false, _store.Accounts.FindById(accountId).Balance);
    });

    /// <summary>
    /// Charges the daily tariff for every billing day through <paramref name="through"/> not charged yet, each exactly once,
    /// so a bot that was down for days catches up. Without a date, each account is charged through the last day that has
    /// ended in its own time zone. Each batch of accounts is one transaction; a run cut short is simply run again.
    /// A day is charged only once it has begun in the account's zone; a date that has begun nowhere is refused.
    /// </summary>
    public AccrualResult Accrue(DateOnly? through = null)
    {
        if (through > Clock.LatestDay(_time.GetUtcNow()))
        {
            throw new BillingException(BillingError.ChargeDateInFuture, ("date", through.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        // No zone's yesterday is later than today in UTC. Days are stored as yyyy-MM-dd, so text order is date order.
        var latest = through ?? _time.Today("UTC");
        var latestText = latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var accounts = 0;
        var charges = 0;
        var last = 0;
        while (true)
        {
            var batch = _store.Write(() =>
            {
                // Read inside the transaction, in id order, one range read per batch instead of a lookup per account.
                var due = BsonExpression.Create($"$._id > @0 AND ($.{nameof(Account.AccruedThrough)} = null OR $.{nameof(Account.AccruedThrough)} < @1)", last, latestText);
                var found = _store.Accounts.Find(due, limit: AccrualBatch).ToList();
                charges += _postings.InBulk(() => found.Sum(loaded =>
                {
                    // An agency changes when a client earlier in this batch is topped up from it: read it as it is now.
                    var account = loaded.Kind == AccountKind.Agency ? _postings.Account(loaded.Id) : loaded;
                    // Through the day asked for, but not a day that has not begun here; by default, the last day that has ended.
                    var today = _time.Today(account.TimeZone);
                    return _postings.Accrue(account, through is { } asked ? (asked < today ? asked : today) : today.AddDays(-1));
                }));
                return found;
            });
            accounts += batch.Count;
            if (batch.Count < AccrualBatch)
            {
                return new AccrualResult(accounts, charges);
            }

            last = batch[^1].Id;
        }
    }
}

/// <summary>A usage charge as posted: its entry, whether its key had been used already, and the account's balance now.</summary>
public sealed record PostedCharge(LedgerEntry Entry, bool AlreadyRecorded, decimal Balance);
