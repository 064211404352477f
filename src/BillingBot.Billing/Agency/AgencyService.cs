using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.Agency;

/// <summary>An agency's money moves to and from its clients, and the auto top-up rules it sets for them.</summary>
public sealed class AgencyService
{
    private readonly BillingStore _store;
    private readonly Postings _postings;
    private readonly TimeProvider _time;
    private readonly decimal _maxAmount;

    internal AgencyService(BillingStore store, Postings postings, TimeProvider time, BillingSettings settings)
    {
        _store = store;
        _postings = postings;
        _time = time;
        _maxAmount = settings.Accounts.MaxAmount;
    }

    /// <summary>Moves money from an agency to its client or back, never more than the source holds.</summary>
    public LedgerEntry Transfer(int fromId, int toId, decimal amount, string key) => _store.Write(() =>
    {
        CallerKey.Require(key);
        var from = _postings.Account(fromId);
        var to = _postings.Account(toId);
        var outKey = $"transfer/{LedgerEntry.KeyPart(key)}/out";
        var request = new LedgerEntry { Id = outKey, Amount = -amount, Kind = EntryKind.TransferOut, CounterpartyId = toId };
        if (_postings.Replayed(fromId, request) is { } previous)
        {
            return previous;
        }

        var (agency, client) = from.Kind == AccountKind.Agency ? (from, to) : (to, from);
        if (client.AgencyId != agency.Id || agency.Kind != AccountKind.Agency)
        {
            throw new BillingException(BillingError.NotAClientOfAgency, ("agency", agency.Id), ("client", client.Id));
        }

        RequireTransfer(from, amount);

        // Not a Debit: money the agency itself takes back must not bounce back through its own auto top-up.
        _postings.Post(from, request);
        _postings.Credit(to, new LedgerEntry { Id = $"transfer/{LedgerEntry.KeyPart(key)}/in", Amount = amount, Kind = EntryKind.TransferIn, CounterpartyId = fromId });
        return _store.Entries.FindById(outKey);
    });

    /// <summary>Refuses, as <see cref="Transfer"/> would now, an amount that cannot move from <paramref name="fromId"/>: one a chat checks as it is typed.</summary>
    public void CheckTransfer(int fromId, decimal amount) => RequireTransfer(_store.Read(() => _postings.Account(fromId)), amount);

    private void RequireTransfer(Account from, decimal amount)
    {
        Money.Require(amount, from.Currency, _maxAmount);
        if (from.Balance < amount)
        {
            throw new BillingException(BillingError.InsufficientFunds, ("balance", from.Balance), ("amount", amount), ("currency", from.Currency));
        }
    }

    /// <summary>Refuses, as <see cref="SetRule"/> would, a limit of a rule that tops up by <paramref name="amount"/>: one a chat checks as it is typed.</summary>
    public void CheckLimit(int clientId, decimal amount, decimal limit)
    {
        var client = _store.Read(() => _postings.Account(clientId));
        RequireLimit(client.Currency, amount, limit);
    }

    private void RequireLimit(string currency, decimal amount, decimal limit)
    {
        Money.Require(limit, currency, _maxAmount);
        if (limit < amount)
        {
            throw new BillingException(BillingError.AutoTopUpLimitBelowAmount, ("amount", amount), ("limit", limit), ("currency", currency));
        }
    }

    public AutoTopUpRule SetRule(int clientId, decimal amount, decimal threshold, decimal limit, LimitPeriod period) => _store.Write(() =>
    {
        var client = _postings.Account(clientId);
        if (client.AgencyId is not { } agencyId)
        {
            throw new BillingException(BillingError.NotAClient, ("client", clientId));
        }

        Money.Require(amount, client.Currency, _maxAmount);
        RequireLimit(client.Currency, amount, limit);
        if (threshold != Money.Round(threshold, client.Currency) || Math.Abs(threshold) > _maxAmount || !Enum.IsDefined(period))
        {
            throw new BillingException(BillingError.InvalidAutoTopUpRule, ("amount", amount), ("limit", limit), ("threshold", threshold));
        }

        // What was used this period is what auto top-ups moved to the client since it began, whatever rule was in force:
        // a change of the rule, or of its period, never resets it.
        var today = _time.Today(client.TimeZone);
        var start = AutoTopUpRule.StartOf(period, today);
        var used = StatementQuery.Read(_store, client, start, today).Entries.Where(e => e is { AutoTopUp: true, Kind: EntryKind.TransferIn }).Sum(e => e.Amount);
        var rule = new AutoTopUpRule
        {
            Id = clientId,
            AgencyId = agencyId,
            Amount = amount,
            Threshold = threshold,
            Limit = limit,
            Period = period,
            Enabled = true,
            PeriodStart = start,
            UsedInPeriod = used,
        };
        _store.Rules.Upsert(rule);
        return rule;
    });

    public AutoTopUpRule SetEnabled(int clientId, bool enabled) => _store.Write(() =>
    {
        var rule = _store.Rules.FindById(clientId) ?? throw new BillingException(BillingError.NoAutoTopUpRule, ("client", clientId));
        var updated = rule with { Enabled = enabled, DisabledReason = null };
        _store.Rules.Update(updated);
        return updated;
    });

    public AutoTopUpRule? Rule(int clientId) => _store.Read(() => _store.Rules.FindById(clientId));
}
