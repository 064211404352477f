using BillingBot.Billing.Accounts;
using BillingBot.Billing.Events;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.PromisedPayments;

/// <summary>Whether a promised payment can be taken now, up to how much, and the promises still owed.</summary>
public sealed record PromiseOffer(BillingError? Refusal, decimal MaxAmount, int TermDays, int MaxPerMonth, IReadOnlyList<PromisedPayment> Unsettled)
{
    public bool Available => Refusal is null;
}

/// <summary>Promised payments: credited at once, repaid by the due day, overdue debt repaid from the next money in.</summary>
public sealed class PromisedPaymentService
{
    private readonly BillingStore _store;
    private readonly Postings _postings;
    private readonly TimeProvider _time;
    private readonly PromisedPaymentOptions _options;
    private readonly decimal _maxAmount;

    internal PromisedPaymentService(BillingStore store, Postings postings, TimeProvider time, BillingSettings settings)
    {
        _store = store;
        _postings = postings;
        _time = time;
        _options = settings.PromisedPayments;
        _maxAmount = settings.Accounts.MaxAmount;
    }

    public PromiseOffer Offer(int accountId) => _store.Read(() => OfferFor(_postings.Account(accountId)));

    /// <summary>Refuses, as <see cref="Take"/> would now, an amount the account may not promise: one a chat checks as it is typed.</summary>
    public void Check(int accountId, decimal amount) => _store.Read(() =>
    {
        RequireAmount(_postings.Account(accountId), amount);
        return amount;
    });

    private void RequireAmount(Account account, decimal amount)
    {
        Money.Require(amount, account.Currency, _maxAmount);
        var offer = OfferFor(account);
        if (offer.Refusal is { } refusal)
        {
            throw Refused(refusal, amount, offer.MaxAmount, account.Currency);
        }

        if (amount > offer.MaxAmount)
        {
            throw Refused(BillingError.PromisedPaymentAboveLimit, amount, offer.MaxAmount, account.Currency);
        }
    }

    /// <summary>Takes a promised payment; the same <paramref name="key"/> returns the one taken before.</summary>
    public PromisedPayment Take(int accountId, decimal amount, string key) => _store.Write(() =>
    {
        CallerKey.Require(key);
        var account = _postings.Account(accountId);
        var previous = _store.Promises.FindOne(Filter.Equal(nameof(PromisedPayment.Key), key));
        if (previous is not null)
        {
            return previous.AccountId == accountId && previous.Amount == amount
                ? previous
                : throw new BillingException(BillingError.IdempotencyConflict, ("key", key));
        }

        RequireAmount(account, amount);
        var today = _time.Today(account.TimeZone);
        var promise = new PromisedPayment
        {
            AccountId = accountId,
            Amount = amount,
            TakenAt = _time.GetUtcNow(),
            TakenOn = today,
            DueOn = today.AddDays(_options.TermDays),
            Status = PromiseStatus.Open,
            Key = key,
        };
        promise = _postings.Save(promise);
        account = _postings.Post(account, new LedgerEntry { Id = $"promise/{promise.Id}/credit", Amount = amount, Kind = EntryKind.PromisedPaymentCredit, PromiseId = promise.Id });
        _postings.Raise(EventType.PromisedPaymentTaken, account, e => e with { PromiseId = promise.Id, Amount = amount, DueOn = promise.DueOn });
        return promise;
    });

    /// <summary>Repays what is still owed on every unsettled promise from the balance; refused when the balance cannot cover it.</summary>
    public IReadOnlyList<PromisedPayment> Repay(int accountId) => _store.Write(() =>
    {
        var account = _postings.Account(accountId);
        var unsettled = _postings.Unsettled(accountId);
        if (unsettled.Count == 0)
        {
            throw new BillingException(BillingError.NoOpenPromisedPayment, ("id", accountId));
        }

        var owed = unsettled.Sum(p => p.Outstanding);
        if (account.Balance < owed)
        {
            throw new BillingException(BillingError.InsufficientFunds, ("balance", account.Balance), ("amount", owed), ("currency", account.Currency));
        }

        var repaid = new List<PromisedPayment>();
        foreach (var promise in unsettled)
        {
            // Settled before the debit: an auto top-up the debit sets off must not find it still owed and repay it again.
            var done = promise with { Repaid = promise.Amount, Status = PromiseStatus.Repaid };
            _postings.Save(done);
            account = _postings.Debit(account, new LedgerEntry { Id = $"promise/{promise.Id}/repay", Amount = -promise.Outstanding, Kind = EntryKind.PromisedPaymentRepayment, PromiseId = promise.Id });
            _postings.Raise(EventType.PromisedPaymentRepaid, account, e => e with { PromiseId = promise.Id, Amount = promise.Amount });
            repaid.Add(done);
        }

        return repaid;
    });

    /// <summary>
    /// Daily check of unsettled promises: a reminder the day before the due day and on it, and overdue once past it.
    /// Each reminder and each overdue event is raised once, however often this runs.
    /// </summary>
    public int Review() => _store.Write(() =>
    {
        var raised = 0;
        foreach (var promise in _store.Promises.Find(Filter.Equal(nameof(PromisedPayment.Status), nameof(PromiseStatus.Open))).ToList())
        {
            var account = _postings.Account(promise.AccountId);
            var today = _time.Today(account.TimeZone);
            var current = promise;
            if (today > promise.DueOn)
            {
                current = current with { Status = PromiseStatus.Overdue };
                _postings.Raise(EventType.PromisedPaymentOverdue, account, e => e with { PromiseId = promise.Id, Amount = promise.Outstanding, DueOn = promise.DueOn });
            }
            else if (today == promise.DueOn && !promise.RemindedOnDueDay)
            {
                current = current with { RemindedOnDueDay = true, RemindedDayBefore = true };
                _postings.Raise(EventType.PromisedPaymentDueToday, account, e => e with { PromiseId = promise.Id, Amount = promise.Outstanding, DueOn = promise.DueOn });
            }
            else if (today == promise.DueOn.AddDays(-1) && !promise.RemindedDayBefore)
            {
                current = current with { RemindedDayBefore = true };
                _postings.Raise(EventType.PromisedPaymentDueTomorrow, account, e => e with { PromiseId = promise.Id, Amount = promise.Outstanding, DueOn = promise.DueOn });
            }

            if (current != promise)
            {
                _postings.Save(current);
                raised++;
            }
        }

        return raised;
    });

    // Every refusal carries the same values, so each message may use any of them.
    private BillingException Refused(BillingError error, decimal amount, decimal max, string currency) =>
        new(error, ("amount", amount), ("max", max), ("currency", currency), ("limit", _options.MaxPerMonth), ("days", _options.TermDays));

    private PromiseOffer OfferFor(Account account)
    {
        var today = _time.Today(account.TimeZone);
        var unsettled = _postings.Unsettled(account.Id);
        var largest = Forecast.Of(account, today).LargestDailyCharge;
        var max = Math.Min(_options.AbsoluteCap, Money.Round(largest * _options.MaxDaysOfLargestCharge, account.Currency));
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        BillingError? refusal =
            unsettled.Any(p => p.Status == PromiseStatus.Overdue || today > p.DueOn) ? BillingError.PromisedPaymentOverdue
            : unsettled.Count > 0 ? BillingError.PromisedPaymentOpen
            : _options.RequirePaidInvoice && !account.HasPaid ? BillingError.PromisedPaymentNeedsPaidInvoice
            : _store.Promises.Find(Filter.Equal(nameof(PromisedPayment.AccountId), account.Id)).Count(p => p.TakenOn >= monthStart) >= _options.MaxPerMonth ? BillingError.PromisedPaymentMonthlyLimit
            : largest <= 0 ? BillingError.PromisedPaymentNoCharges
            : max <= 0 ? BillingError.PromisedPaymentAboveLimit
            : null;
        return new PromiseOffer(refusal, max, _options.TermDays, _options.MaxPerMonth, unsettled);
    }
}
