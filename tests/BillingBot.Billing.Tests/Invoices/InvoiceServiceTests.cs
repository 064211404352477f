using System.Text.RegularExpressions;
using BillingBot.Billing.Events;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;

namespace BillingBot.Billing.Tests.Invoices;

public sealed partial class InvoiceServiceTests : IDisposable
{
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Issue_Example1_UnpaidWithLinkUntilPaidThenWholeAmountCredited()
    {
        var account = _f.Customer();
        Assert.Equal(0m, account.Balance);

        var invoice = _f.Billing.Invoices.Issue(account.Id, 100m, "req-1");

        Assert.Equal(InvoiceStatus.Unpaid, invoice.Status);
        Assert.Equal(100m, invoice.Amount);
        Assert.Equal("USD", invoice.Currency);
        Assert.Equal($"https://pay.example.com/bill/{invoice.Number}", invoice.PaymentLink);
        Assert.Equal([invoice.Number], _f.Billing.Invoices.List(account.Id).Where(i => i.Status == InvoiceStatus.Unpaid).Select(i => i.Number));

        _f.Billing.Invoices.Record(new IncomingPayment("pay-1", 120m, InvoiceNumber: invoice.Number));

        var paid = _f.Billing.Invoices.Get(invoice.Number);
        Assert.Equal(InvoiceStatus.Paid, paid.Status);
        Assert.Equal(120m, paid.AmountPaid);
        Assert.Equal("pay-1", paid.PaymentId);
        Assert.DoesNotContain(_f.Billing.Invoices.List(account.Id), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Equal(120m, _f.Balance(account.Id));
        var paidEvent = Assert.Single(_f.Events(EventType.InvoicePaid));
        Assert.Equal((invoice.Number, 120m, 120m), (paidEvent.InvoiceNumber, paidEvent.Amount, paidEvent.Balance));
    }

    [Fact]
    public void Issue_ManyInvoices_NumbersUniqueAndUnrelated()
    {
        var account = _f.Customer();

        var numbers = Enumerable.Range(0, 200).Select(i => _f.Billing.Invoices.Issue(account.Id, 10m, $"k{i}").Number).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.Matches(NumberFormat(), n));
        // Consecutive numbers share no prefix a payer could count on.
        Assert.True(numbers.Zip(numbers.Skip(1)).Count(p => p.First[..3] == p.Second[..3]) < 5);
    }

    [Fact]
    public void Issue_SameKey_ReturnsSameInvoice()
    {
        var account = _f.Customer();

        var first = _f.Billing.Invoices.Issue(account.Id, 100m, "same");
        var again = _f.Billing.Invoices.Issue(account.Id, 100m, "same");

        Assert.Equal(first, again);
        Assert.Single(_f.Billing.Invoices.List(account.Id));
        var conflict = Assert.Throws<BillingException>(() => _f.Billing.Invoices.Issue(account.Id, 200m, "same"));
        Assert.Equal(BillingError.IdempotencyConflict, conflict.Error);
    }

    [Theory]
    [InlineData("0", BillingError.AmountNotPositive)]
    [InlineData("-5", BillingError.AmountNotPositive)]
    [InlineData("10.005", BillingError.AmountTooPrecise)]
    [InlineData("0.5", BillingError.AmountBelowMinimum)]
    [InlineData("1000000.01", BillingError.AmountAboveMaximum)]
    [InlineData("1000000000", BillingError.AmountTooLarge)]
    public void Issue_BadAmount_RefusedAndNothingStored(string amount, BillingError expected)
    {
        var account = _f.Customer();

        var error = Assert.Throws<BillingException>(() => _f.Billing.Invoices.Issue(account.Id, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), "k"));

        Assert.Equal(expected, error.Error);
        Assert.Empty(_f.Billing.Invoices.List(account.Id));
    }

    [Fact]
    public void Issue_UnknownAccount_Refused()
    {
        var error = Assert.Throws<BillingException>(() => _f.Billing.Invoices.Issue(999, 10m, "k"));
        Assert.Equal(BillingError.UnknownAccount, error.Error);
    }

    [Fact]
    public void Cancel_Unpaid_CancelledAndPaidOneRefused()
    {
        var account = _f.Customer();
        var unpaid = _f.Billing.Invoices.Issue(account.Id, 10m, "a");
        var paid = _f.Billing.Invoices.Issue(account.Id, 20m, "b");
        _f.Billing.Invoices.Record(new IncomingPayment("p", 20m, InvoiceNumber: paid.Number));

        Assert.Equal(InvoiceStatus.Cancelled, _f.Billing.Invoices.Cancel(unpaid.Number.ToLowerInvariant()).Status);
        Assert.Equal(InvoiceStatus.Cancelled, _f.Billing.Invoices.Cancel(unpaid.Number).Status);
        Assert.Equal(BillingError.InvoiceNotUnpaid, Assert.Throws<BillingException>(() => _f.Billing.Invoices.Cancel(paid.Number)).Error);
        Assert.Equal(BillingError.UnknownInvoice, Assert.Throws<BillingException>(() => _f.Billing.Invoices.Cancel("NOPE")).Error);
    }

    [Fact]
    public void Record_SamePaymentTwice_CreditedOnce()
    {
        var account = _f.Customer();
        var invoice = _f.Billing.Invoices.Issue(account.Id, 100m, "k");

        _f.Billing.Invoices.Record(new IncomingPayment("pay-1", 100m, InvoiceNumber: invoice.Number));
        _f.Billing.Invoices.Record(new IncomingPayment("pay-1", 100m, InvoiceNumber: invoice.Number));

        Assert.Equal(100m, _f.Balance(account.Id));
        Assert.Single(_f.Entries(account.Id));
        Assert.Single(_f.Events(EventType.InvoicePaid));
    }

    [Fact]
    public void Record_PaymentIdsDifferingOnlyInCase_AreTwoPaymentsBothCredited()
    {
        // Payment systems' ids are case-sensitive: "ch_3Ab" and "ch_3aB" are two payments, each money that arrived.
        var account = _f.Customer();

        _f.Pay(account, 100m, "ch_3Ab");
        _f.Pay(account, 100m, "ch_3aB");
        _f.Pay(account, 100m, "ch_3aB");

        Assert.Equal(200m, _f.Balance(account.Id));
        Assert.Equal(["payment/ch_3Ab", "payment/ch_3aB"], _f.Entries(account.Id).Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Record_PaymentIdSpellingTheKeyOfAnOverdueRepayment_StillCredited()
    {
        var account = _f.Customer();
        _f.SetDay(new DateOnly(2022, 9, 29));
        _f.Pay(account, 50m, "first");
        var promise = _f.Billing.Promises.Take(account.Id, 20m, "take");
        _f.SetDay(new DateOnly(2022, 10, 7));

        _f.Pay(account, 30m, "bank-7"); // repays the overdue debt: an entry of its own derived from the payment's
        _f.Pay(account, 5m, $"bank-7/repay/{promise.Id}");

        Assert.Equal(50m + 20m + 30m - 20m + 5m, _f.Balance(account.Id));
        Assert.Equal(_f.SumOfEntries(account.Id), _f.Balance(account.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Record_NoPaymentId_RefusedAndNothingChanged(string paymentId)
    {
        var account = _f.Customer();

        var error = Assert.Throws<BillingException>(() => _f.Pay(account, 100m, paymentId));

        Assert.Equal(BillingError.MissingPaymentId, error.Error);
        Assert.Equal(0m, _f.Balance(account.Id));
        Assert.Empty(_f.Entries(account.Id));
    }

    [Fact]
    public void Record_SamePaymentIdOtherData_ConflictAndNothingChanged()
    {
        var account = _f.Customer();
        _f.Pay(account, 100m, "pay-1");

        var error = Assert.Throws<BillingException>(() => _f.Pay(account, 150m, "pay-1"));

        Assert.Equal(BillingError.IdempotencyConflict, error.Error);
        Assert.Equal(100m, _f.Balance(account.Id));
    }

    [Fact]
    public void Record_WrongCurrencyOrUnknownInvoice_RefusedAndNothingChanged()
    {
        var account = _f.Customer();
        var invoice = _f.Billing.Invoices.Issue(account.Id, 100m, "k");

        Assert.Equal(BillingError.CurrencyMismatch, Assert.Throws<BillingException>(() => _f.Billing.Invoices.Record(new IncomingPayment("p1", 100m, invoice.Number, Currency: "EUR"))).Error);
        Assert.Equal(BillingError.UnknownCurrency, Assert.Throws<BillingException>(() => _f.Billing.Invoices.Record(new IncomingPayment("p2", 100m, invoice.Number, Currency: "XXX"))).Error);
        Assert.Equal(BillingError.UnknownInvoice, Assert.Throws<BillingException>(() => _f.Billing.Invoices.Record(new IncomingPayment("p3", 100m, "ZZZZZ-ZZZZZ"))).Error);
        Assert.Equal(BillingError.AmountTooPrecise, Assert.Throws<BillingException>(() => _f.Billing.Invoices.Record(new IncomingPayment("p4", 1.001m, invoice.Number))).Error);

        Assert.Equal(0m, _f.Balance(account.Id));
        Assert.Empty(_f.Entries(account.Id));
        Assert.Equal(InvoiceStatus.Unpaid, _f.Billing.Invoices.Get(invoice.Number).Status);
    }

    [Fact]
    public void Record_CancelledInvoice_MoneyStillCreditedAndInvoicePaid()
    {
        var account = _f.Customer();
        var invoice = _f.Billing.Invoices.Issue(account.Id, 100m, "k");
        _f.Billing.Invoices.Cancel(invoice.Number);

        _f.Billing.Invoices.Record(new IncomingPayment("late", 100m, invoice.Number));

        Assert.Equal(100m, _f.Balance(account.Id));
        Assert.Equal(InvoiceStatus.Paid, _f.Billing.Invoices.Get(invoice.Number).Status);
        Assert.Equal(EntryKind.Payment, Assert.Single(_f.Entries(account.Id)).Kind);
    }

    [Fact]
    public void RecordAll_ManyPayments_AllRecordedAndEachBalanceIsTheSumOfItsEntries()
    {
        var shop = _f.Customer();
        var other = _f.Customer(name: "Other shop");
        var invoice = _f.Billing.Invoices.Issue(shop.Id, 100m, "k");

        var outcomes = _f.Billing.Invoices.RecordAll([
            new IncomingPayment("bank-1", 100m, InvoiceNumber: invoice.Number),
            new IncomingPayment("bank-2", 20.50m, AccountId: shop.Id),
            new IncomingPayment("bank-3", 7m, AccountId: other.Id, Currency: "usd"),
        ]);

        Assert.Equal(["bank-1", "bank-2", "bank-3"], outcomes.Select(o => o.Result!.Id));
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal(120.50m, _f.Balance(shop.Id));
        Assert.Equal(7m, _f.Balance(other.Id));
        Assert.Equal(_f.SumOfEntries(shop.Id), _f.Balance(shop.Id));
        Assert.Equal(_f.SumOfEntries(other.Id), _f.Balance(other.Id));
        Assert.Equal([1L, 2L], _f.Entries(shop.Id).Select(e => e.Seq));
        Assert.Equal(InvoiceStatus.Paid, _f.Billing.Invoices.Get(invoice.Number).Status);
        Assert.Single(_f.Events(EventType.InvoicePaid));
    }

    [Theory]
    [InlineData("unknown invoice", BillingError.UnknownInvoice)]
    [InlineData("currency mismatch", BillingError.CurrencyMismatch)]
    [InlineData("id recorded before with other data", BillingError.IdempotencyConflict)]
    [InlineData("id earlier in the batch with other data", BillingError.IdempotencyConflict)]
    [InlineData("amount too precise", BillingError.AmountTooPrecise)]
    public void RecordAll_OnePaymentRefused_OthersRecordedAndOnlyItRefusedWithItsOwnError(string what, BillingError expected)
    {
        var shop = _f.Customer();
        var invoice = _f.Billing.Invoices.Issue(shop.Id, 100m, "k");
        _f.Pay(shop, 1m, "before");
        var refused = what switch
        {
            "unknown invoice" => new IncomingPayment("bad", 100m, "ZZZZZ-ZZZZZ"),
            "currency mismatch" => new IncomingPayment("bad", 100m, invoice.Number, Currency: "EUR"),
            "id recorded before with other data" => new IncomingPayment("before", 100m, invoice.Number),
            "id earlier in the batch with other data" => new IncomingPayment("first", 100m, invoice.Number),
            _ => new IncomingPayment("bad", 100.001m, invoice.Number),
        };

        var outcomes = _f.Billing.Invoices.RecordAll([
            new IncomingPayment("first", 10m, AccountId: shop.Id),
            refused,
            new IncomingPayment("last", 20m, AccountId: shop.Id),
        ]);

        Assert.Equal("first", outcomes[0].Result!.Id);
        Assert.Equal(expected, Assert.IsType<BillingException>(outcomes[1].Error).Error);
        Assert.Null(outcomes[1].Result);
        Assert.Equal("last", outcomes[2].Result!.Id);
        Assert.Equal(31m, _f.Balance(shop.Id));
        Assert.Equal(_f.SumOfEntries(shop.Id), _f.Balance(shop.Id));
        Assert.Equal(["payment/before", "payment/first", "payment/last"], _f.Entries(shop.Id).Select(e => e.Id));
        Assert.Equal(InvoiceStatus.Unpaid, _f.Billing.Invoices.Get(invoice.Number).Status);
        Assert.Empty(_f.Events(EventType.InvoicePaid));
        Assert.Null(_f.Store.Read(() => _f.Store.Payments.FindById("bad")));
    }

    [Fact]
    public void RecordAll_SamePaymentTwiceInOneBatch_RecordedOnceAndBothAnsweredWithIt()
    {
        var shop = _f.Customer();
        var invoice = _f.Billing.Invoices.Issue(shop.Id, 100m, "k");
        var payment = new IncomingPayment("bank-1", 100m, InvoiceNumber: invoice.Number);

        var outcomes = _f.Billing.Invoices.RecordAll([payment, payment]);

        Assert.Equal(outcomes[0].Result, outcomes[1].Result);
        Assert.Equal("bank-1", outcomes[1].Result!.Id);
        Assert.Equal(100m, _f.Balance(shop.Id));
        Assert.Single(_f.Entries(shop.Id));
        Assert.Single(_f.Events(EventType.InvoicePaid));
    }

    [Fact]
    public void RecordAll_PaymentNamingNoAccount_ItsArgumentExceptionIsItsOutcomeAndTheOtherIsRecorded()
    {
        var shop = _f.Customer();

        var outcomes = _f.Billing.Invoices.RecordAll([new IncomingPayment("nowhere", 5m), new IncomingPayment("bank-1", 5m, AccountId: shop.Id)]);

        Assert.IsType<ArgumentException>(outcomes[0].Error);
        Assert.Equal("bank-1", outcomes[1].Result!.Id);
        Assert.Equal(5m, _f.Balance(shop.Id));
    }

    [GeneratedRegex("^[0-9A-Z]{5}-[0-9A-Z]{5}$")]
    private static partial Regex NumberFormat();
}
