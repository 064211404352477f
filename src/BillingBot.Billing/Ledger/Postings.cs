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

    public Account Account(int id) =>
        store.Accounts.FindById(id) ?? throw new BillingException(BillingError.UnknownAccount, ("id", id));

    /// <summary>The entry stored under <paramref name="key"/>, after checking a replay asks for the same thing.</summary>
    public LedgerEntry? Replayed(string key, int accountId, decimal amount)
    {
        var entry = store.Entries.FindById(key);
        if (entry is not null && (entry.AccountId != accountId || entry.Amount != amount))
        {
            throw new BillingException(BillingError.IdempotencyConflict, ("key", key));
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
        var now = time.GetUtcNow();
        store.Entries.Insert(entry with
        {
            AccountId = account.Id,
            Seq = seq,
            Position = LedgerEntry.PositionOf(account.Id, seq),
            Time = now,
            BalanceAfter = balance,
        });

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

        store.Accounts.Update(updated);
        return updated;
    }

    public void Raise(EventType type, Account account, Func<OutboxEvent, OutboxEvent>? details = null)
    {
        var e = new OutboxEvent { Type = type, AccountId = account.Id, Time = time.GetUtcNow(), Balance = account.Balance };
        store.Outbox.Insert(details is null ? e : details(e));
    }

    private Account RepayOverdue(Account account, string key, decimal incoming)
    {
        var today = time.Today(account.TimeZone);
        var left = incoming;
        foreach (var promise in store.Promises.Find(p => p.AccountId == account.Id && p.Status != PromiseStatus.Repaid).OrderBy(p => p.Id))
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
            }

            if (current != promise)
            {
                store.Promises.Update(current);
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

        store.Rules.Update(rule);
        return client;
    }
}
