using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Events;
using BillingBot.Billing.PromisedPayments;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.Ledger;

/// <summary>
/// Writes ledger entries inside a running transaction and applies what follows from them:
/// the cached balance, low-balance events, overdue promises repaid from incoming money and agency auto top-ups.
/// </summary>
internal sealed class Postings(BillingStore store, TimeProvider time)
{
    public const string InsufficientAgencyFunds = "InsufficientAgencyFunds";

    // Writes held back while a bulk run (the daily accrual) goes on, to be stored in bulk before its commit.
    // Touched only inside a store transaction, and the store runs one at a time.
    private Pending? _pending;

    // The accounts this transaction has read or written: a chat update reads its account for the zone and again for
    // the screen, and each lookup costs LiteDB a query. Written through by Save; dropped when another transaction begins.
    private readonly Dictionary<int, Account> _known = [];
    private long _knownIn = -1;

    public Account Account(int id) => Find(id) ?? throw new BillingException(BillingError.UnknownAccount, ("id", id));

    /// <summary>The account, or null where there is none (one deleted since an event about it).</summary>
    public Account? Find(int id)
    {
        if (_pending is not null && _pending.Accounts.TryGetValue(id, out var held))
        {
            return held;
        }

        var known = Known();
        if (known.TryGetValue(id, out var account))
        {
            return account;
        }

        // Across transactions, as last committed (never what this one wrote and has not committed).
        if (store.CommittedAccounts.TryGet(id, out var committed))
        {
            known[id] = committed;
            return committed;
        }

        account = store.Accounts.FindById(id);
        if (account is null)
        {
            return null;
        }

        known[id] = account;
        store.CommittedAccounts.Read(id, account);
        return account;
    }

    /// <summary>An account made in the running transaction: until it is committed, it is no later transaction's to read.</summary>
    public void Created(int id) => store.CommittedAccounts.Changed(id);

    private Dictionary<int, Account> Known()
    {
        if (_knownIn != store.Transaction)
        {
            _known.Clear();
            _knownIn = store.Transaction;
        }

        return _known;
    }

    /// <summary>
    /// Runs <paramref name="work"/> (inside a transaction) holding entries, account updates and events back,
    /// then stores them with one bulk call each: the same writes, a fraction of LiteDB's per-call cost.
    /// </summary>
    public T InBulk<T>(Func<T> work)
    {
        _pending = new Pending();
        try
        {
            var result = work();
            store.Entries.InsertBulk(_pending.Entries);
            var accounts = _pending.Accounts.Values.ToList();
            store.Accounts.Update(accounts);
            Committing(accounts);
            store.Outbox.InsertBulk(_pending.Events);
            return result;
        }
        finally
        {
            _pending = null;
            // What was read before the bulk writes is out of date now.
            _known.Clear();
        }
    }

    /// <summary>Stores an account changed outside a posting.</summary>
    public void Save(Account account)
    {
        if (_pending is not null)
        {
            _pending.Accounts[account.Id] = account;
        }
        else
        {
            store.Accounts.Update(account);
            Known()[account.Id] = account;
            Committing([account]);
        }
    }

    /// <summary>Accounts just written: this transaction reads them as written, later ones once it is committed.</summary>
    /// <remarks>A bulk run (the accrual of every account) refreshes the accounts kept, and keeps no more.</remarks>
    private void Committing(List<Account> accounts) =>
        store.CommittedAccounts.Wrote([.. accounts.Select(a => (a.Id, a))], keepNew: accounts.Count == 1);

    /// <summary>
    /// Charges the account's daily tariff for each day after the last it was accrued for, through <paramref name="through"/>,
    /// never before its first billing day; the progress marker is stored with the charges.
    /// </summary>
    /// <returns>The number of days charged.</returns>
    public int Accrue(Account account, DateOnly through)
    {
        if (account.AccruedThrough >= through)
        {
            return 0;
        }

        // An accrual may have run through a day before the account existed: never charge before its start.
        var next = account.AccruedThrough?.AddDays(1) ?? account.BillingStart;
        var first = next > account.BillingStart ? next : account.BillingStart;
        var count = 0;
        for (var day = first; day <= through && account.DailyTariff > 0; day = day.AddDays(1))
        {
            // No lookup of the key: the days through AccruedThrough are charged and it is written with each charge.
            var key = ChargeService.TariffKey(account.Id, day);
            // The progress marker rides on the account update the charge makes anyway.
            account = Debit(account with { AccruedThrough = day }, new LedgerEntry { Id = key, Amount = -account.DailyTariff, Kind = EntryKind.ServiceCharge, ChargeDate = day });
            count++;
        }

        if (account.AccruedThrough != through)
        {
            Save(account with { AccruedThrough = through });
        }

        return count;
    }

    /// <summary>The account's promised payments not repaid yet, oldest first, as the running transaction sees them.</summary>
    public IReadOnlyList<PromisedPayment> Unsettled(int accountId)
    {
        if (store.CommittedPromises.TryGet(accountId, out var kept))
        {
            return kept;
        }

        List<PromisedPayment> unsettled = [.. store.Promises.Find(Filter.Equal(nameof(PromisedPayment.AccountId), accountId)).Where(p => p.Status != PromiseStatus.Repaid).OrderBy(p => p.Id)];
        store.CommittedPromises.Read(accountId, unsettled);
        return unsettled;
    }

    /// <summary>Stores a promised payment, new (returned with its id) or changed, in the running transaction.</summary>
    public PromisedPayment Save(PromisedPayment promise)
    {
        store.CommittedPromises.Changed(promise.AccountId);
        if (promise.Id == 0)
        {
            return promise with { Id = store.Promises.Insert(promise).AsInt32 };
        }

        store.Promises.Update(promise);
        return promise;
    }

    /// <summary>The entry stored under the request's key, after checking the replay asks for the same thing.</summary>
    public LedgerEntry? Replayed(int accountId, LedgerEntry request)
    {
        var entry = store.Entries.FindById(request.Id);
        if (entry is not null && (entry.AccountId != accountId || entry.Amount != request.Amount || entry.Kind != request.Kind
            || entry.CounterpartyId != request.CounterpartyId || entry.ChargeDate != request.ChargeDate || entry.Note != request.Note))
        {
            throw new BillingException(BillingError.IdempotencyConflict, ("key", request.Id));
        }

        return entry;
    }

    /// <summary>Money arriving: stored, then an overdue promised payment is repaid from it first.</summary>
    public Account Credit(Account account, LedgerEntry entry)
    {
        account = Post(account, entry);
        return RepayOverdue(account, entry.Id, entry.Amount);
    }

    /// <summary>Money leaving: stored, then the client's auto top-up rule gets its chance.</summary>
    public Account Debit(Account account, LedgerEntry entry)
    {
        account = Post(account, entry);
        return account.IsClient ? AutoTopUp(account, entry.Id) : account;
    }

    /// <summary>Stores one entry and the account's new balance; raises a low or recovered event when the balance crosses its threshold.</summary>
    public Account Post(Account account, LedgerEntry entry)
    {
        var seq = account.LastSeq + 1;
        var balance = account.Balance + entry.Amount;
        var stored = entry with
        {
            AccountId = account.Id,
            Seq = seq,
            Position = LedgerEntry.PositionOf(account.Id, seq),
            Time = time.GetUtcNow(),
            BalanceAfter = balance,
        };
        if (_pending is not null)
        {
            _pending.Entries.Add(stored);
        }
        else
        {
            store.Entries.Insert(stored);
        }

        var updated = account with
        {
            Balance = balance,
            LastSeq = seq,
            HasPaid = account.HasPaid || entry.Kind == EntryKind.Payment,
            RecentCharges = entry is { Kind: EntryKind.ServiceCharge, ChargeDate: { } day }
                ? Forecast.Add(account.RecentCharges, day, -entry.Amount)
                : account.RecentCharges,
        };
        var isLow = Forecast.IsLow(updated, time.Today(account.TimeZone));
        if (isLow != account.IsLow)
        {
            updated = updated with { IsLow = isLow };
            Raise(isLow ? EventType.BalanceLow : EventType.BalanceRecovered, updated, e => e with { Amount = entry.Amount });
        }

        Save(updated);
        return updated;
    }

    public void Raise(EventType type, Account account, Func<OutboxEvent, OutboxEvent>? details = null)
    {
        var e = new OutboxEvent { Type = type, AccountId = account.Id, Time = time.GetUtcNow(), Balance = account.Balance };
        e = details is null ? e : details(e);
        if (_pending is not null)
        {
            _pending.Events.Add(e);
        }
        else
        {
            store.Outbox.Insert(e);
        }
    }

    private Account RepayOverdue(Account account, string key, decimal incoming)
    {
        var today = time.Today(account.TimeZone);
        var left = incoming;
        foreach (var promise in Unsettled(account.Id))
        {
            var current = promise;
            if (current.Status == PromiseStatus.Open && today > current.DueOn)
            {
                current = current with { Status = PromiseStatus.Overdue };
                Raise(EventType.PromisedPaymentOverdue, account, e => e with { PromiseId = promise.Id, Amount = promise.Outstanding, DueOn = promise.DueOn });
            }

            if (current.Status == PromiseStatus.Overdue && left > 0)
            {
                var part = Math.Min(left, current.Outstanding);
                left -= part;
                account = Post(account, new LedgerEntry { Id = $"{key}/repay/{promise.Id}", Amount = -part, Kind = EntryKind.PromisedPaymentRepayment, PromiseId = promise.Id });
                current = current with { Repaid = current.Repaid + part };
                if (current.Outstanding == 0)
                {
                    current = current with { Status = PromiseStatus.Repaid };
                    Raise(EventType.PromisedPaymentRepaid, account, e => e with { PromiseId = promise.Id, Amount = promise.Amount });
                }
                else
                {
                    var owed = current.Outstanding;
                    Raise(EventType.PromisedPaymentPartlyRepaid, account, e => e with { PromiseId = promise.Id, Amount = part, Owed = owed });
                }
            }

            if (current != promise)
            {
                Save(current);
            }
        }

        return account;
    }

    private Account AutoTopUp(Account client, string triggerKey)
    {
        var rule = store.Rules.FindById(client.Id);
        if (rule is not { Enabled: true } || client.Balance > rule.Threshold)
        {
            return client;
        }

        var read = rule;
        var start = AutoTopUpRule.StartOf(rule.Period, time.Today(client.TimeZone));
        if (rule.PeriodStart != start)
        {
            rule = rule with { PeriodStart = start, UsedInPeriod = 0 };
        }

        for (var n = 1; client.Balance <= rule.Threshold && rule.UsedInPeriod + rule.Amount <= rule.Limit; n++)
        {
            var agency = Account(rule.AgencyId);
            if (agency.Balance < rule.Amount)
            {
                rule = rule with { Enabled = false, DisabledReason = InsufficientAgencyFunds };
                Raise(EventType.AutoTopUpDisabled, agency, e => e with { Amount = rule.Amount, CounterpartyId = client.Id });
                break;
            }

            var key = $"{triggerKey}/autotopup/{n}";
            agency = Post(agency, new LedgerEntry { Id = key + "/out", Amount = -rule.Amount, Kind = EntryKind.TransferOut, CounterpartyId = client.Id, AutoTopUp = true });
            client = Credit(client, new LedgerEntry { Id = key + "/in", Amount = rule.Amount, Kind = EntryKind.TransferIn, CounterpartyId = agency.Id, AutoTopUp = true });
            rule = rule with { UsedInPeriod = rule.UsedInPeriod + rule.Amount };
            Raise(EventType.AutoTopUpDone, agency, e => e with { Amount = rule.Amount, CounterpartyId = client.Id });
        }

        // A rule left as it was (its limit already spent, say) is not written again.
        if (rule != read)
        {
            store.Rules.Update(rule);
        }

        return client;
    }

    private sealed class Pending
    {
        public List<LedgerEntry> Entries { get; } = [];
        public Dictionary<int, Account> Accounts { get; } = [];
        public List<OutboxEvent> Events { get; } = [];
    }
}
