using System.Security.Cryptography;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Events;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.Invoices;

/// <summary>Money that arrived: by invoice number or straight to an account.</summary>
public sealed record IncomingPayment(string PaymentId, decimal Amount, string? InvoiceNumber = null, int? AccountId = null, string? Currency = null, DateTimeOffset? PaidAt = null);

/// <summary>Issues and cancels top-up invoices and records the payments that settle them.</summary>
public sealed class InvoiceService
{
    // Crockford's base32 without look-alikes: numbers are read aloud and typed by people.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly BillingStore _store;
    private readonly Postings _postings;
    private readonly TimeProvider _time;
    private readonly BillingSettings _settings;

    internal InvoiceService(BillingStore store, Postings postings, TimeProvider time, BillingSettings settings)
    {
        _store = store;
        _postings = postings;
        _time = time;
        _settings = settings;
    }

    /// <summary>Issues an unpaid invoice; the same <paramref name="key"/> returns the invoice issued before.</summary>
    public Invoice Issue(int accountId, decimal amount, string key) => _store.Write(() =>
    {
        CallerKey.Require(key);
        var account = _postings.Account(accountId);
        var previous = _store.Invoices.FindOne(Filter.Equal(nameof(Invoice.IssueKey), key));
        if (previous is not null)
        {
            return previous.AccountId == accountId && previous.Amount == amount
                ? previous
                : throw new BillingException(BillingError.IdempotencyConflict, ("key", key));
        }

        RequireAmount(account, amount);
        var number = NewNumber();
        var invoice = new Invoice
        {
            Number = number,
            AccountId = accountId,
            Amount = amount,
            Currency = account.Currency,
            Status = InvoiceStatus.Unpaid,
            PaymentLink = _settings.Payments.InvoiceUrlTemplate.Replace("{number}", Uri.EscapeDataString(number), StringComparison.Ordinal),
            CreatedAt = _time.GetUtcNow(),
            IssueKey = key,
        };
        _store.Invoices.Insert(invoice);
        return invoice;
    });

    /// <summary>Refuses, as <see cref="Issue"/> would, an amount no invoice of the account may have: one a chat checks as it is typed.</summary>
    public void Check(int accountId, decimal amount) => RequireAmount(_store.Read(() => _postings.Account(accountId)), amount);

    private void RequireAmount(Account account, decimal amount)
    {
        Money.Require(amount, account.Currency, _settings.Accounts.MaxAmount);
        var limits = _settings.Invoices;
        if (amount < limits.MinAmount)
        {
            throw new BillingException(BillingError.AmountBelowMinimum, ("amount", amount), ("min", limits.MinAmount), ("currency", account.Currency));
        }

        if (amount > limits.MaxAmount)
        {
            throw new BillingException(BillingError.AmountAboveMaximum, ("amount", amount), ("max", limits.MaxAmount), ("currency", account.Currency));
        }
    }

    public Invoice Cancel(string number) => _store.Write(() =>
    {
        var invoice = Find(number);
        if (invoice.Status == InvoiceStatus.Cancelled)
        {
            return invoice;
        }

        if (invoice.Status != InvoiceStatus.Unpaid)
        {
            throw new BillingException(BillingError.InvoiceNotUnpaid, ("number", number), ("status", invoice.Status));
        }

        var cancelled = invoice with { Status = InvoiceStatus.Cancelled, CancelledAt = _time.GetUtcNow() };
        _store.Invoices.Update(cancelled);
        return cancelled;
    });

    public Invoice Get(string number) => _store.Read(() => Find(number));

    /// <summary>The invoice, or null where there is none.</summary>
    public Invoice? FindOne(string number) => _store.Read(() => _store.Invoices.FindById(Normalize(number)));

    /// <summary>The account's invoices, newest first.</summary>
    public IReadOnlyList<Invoice> List(int accountId) => _store.Read(() =>
    {
        _ = _postings.Account(accountId);
        return _store.Invoices.Find(Filter.Equal(nameof(Invoice.AccountId), accountId)).OrderByDescending(i => i.CreatedAt).ToList();
    });

    /// <summary>
    /// Credits the whole amount paid (more than the invoice included) and marks the invoice paid.
    /// Recorded once per payment id: a repeat with the same data changes nothing, other data is refused.
    /// </summary>
    public Payment Record(IncomingPayment incoming) => _store.Write(() =>
    {
        if (string.IsNullOrWhiteSpace(incoming.PaymentId))
        {
            // The id is what makes a repeat harmless: money without one could never be told from its own replay.
            throw new BillingException(BillingError.MissingPaymentId);
        }

        CallerKey.Require(incoming.PaymentId);

        var invoice = incoming.InvoiceNumber is { } number ? Find(number) : null;
        var accountId = invoice?.AccountId ?? incoming.AccountId ?? throw new ArgumentException("A payment names an invoice or an account.", nameof(incoming));
        if (incoming.AccountId is { } claimed && claimed != accountId)
        {
            throw new BillingException(BillingError.IdempotencyConflict, ("key", incoming.PaymentId));
        }

        var account = _postings.Account(accountId);
        var currency = incoming.Currency is null ? account.Currency : Money.Currency(incoming.Currency);
        var previous = _store.Payments.FindById(incoming.PaymentId);
        if (previous is not null)
        {
            return previous.AccountId == accountId && previous.Amount == incoming.Amount && previous.InvoiceNumber == invoice?.Number && previous.Currency == currency
                ? previous
                : throw new BillingException(BillingError.IdempotencyConflict, ("key", incoming.PaymentId));
        }

        if (currency != account.Currency)
        {
            throw new BillingException(BillingError.CurrencyMismatch, ("expected", account.Currency), ("actual", currency));
        }

        Money.Require(incoming.Amount, currency, _settings.Accounts.MaxAmount);
        var now = _time.GetUtcNow();
        var payment = new Payment
        {
            Id = incoming.PaymentId,
            AccountId = accountId,
            InvoiceNumber = invoice?.Number,
            Amount = incoming.Amount,
            Currency = currency,
            PaidAt = incoming.PaidAt ?? now,
            RecordedAt = now,
        };
        _store.Payments.Insert(payment);
        account = _postings.Credit(account, new LedgerEntry
        {
            Id = $"payment/{LedgerEntry.KeyPart(incoming.PaymentId)}",
            Amount = incoming.Amount,
            Kind = EntryKind.Payment,
            InvoiceNumber = invoice?.Number,
            PaymentId = incoming.PaymentId,
        });

        if (invoice is { Status: not InvoiceStatus.Paid })
        {
            // Money paid against a cancelled invoice still arrived: the invoice is paid after all.
            _store.Invoices.Update(invoice with { Status = InvoiceStatus.Paid, PaidAt = payment.PaidAt, AmountPaid = incoming.Amount, PaymentId = incoming.PaymentId });
            _postings.Raise(EventType.InvoicePaid, account, e => e with { Amount = incoming.Amount, InvoiceNumber = invoice.Number });
        }

        return payment;
    });

    /// <summary>
    /// Records each of <paramref name="payments"/> as <see cref="Record"/> does, all in one transaction; if one is refused,
    /// each again in a transaction of its own, so a refusal is its payment's alone. A payment id given twice is recorded
    /// once: the later one finds the earlier recorded.
    /// </summary>
    /// <returns>For each payment, in order, the payment recorded or why it was refused.</returns>
    public IReadOnlyList<Outcome<Payment>> RecordAll(IReadOnlyList<IncomingPayment> payments) =>
        _store.WriteAll(payments.Select(incoming => (Func<Payment>)(() => Record(incoming))).ToList());

    private Invoice Find(string number) =>
        _store.Invoices.FindById(Normalize(number)) ?? throw new BillingException(BillingError.UnknownInvoice, ("number", number));

    private static string Normalize(string number) => number.Trim().ToUpperInvariant();

    private string NewNumber()
    {
        while (true)
        {
            var number = RandomNumberGenerator.GetString(Alphabet, 5) + "-" + RandomNumberGenerator.GetString(Alphabet, 5);
            if (_store.Invoices.FindById(number) is null)
            {
                return number;
            }
        }
    }
}
