using System.Text.Json;

namespace BillingBot.Tests.Cli;

public sealed class InvoiceCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Fact]
    public void InvoicesIssue_Amount_UnpaidInvoiceWithPaymentLink()
    {
        var id = _db.CreateAccount();

        var invoice = _db.Json("invoices", "issue", $"{id}", "--amount", "100");

        var number = invoice.GetProperty("number").GetString();
        Assert.Equal("unpaid", invoice.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, invoice.GetProperty("amount").ValueKind);
        Assert.Equal(100m, invoice.GetProperty("amount").GetDecimal());
        Assert.Equal($"https://pay.example.com/bill/{number}", invoice.GetProperty("paymentLink").GetString());
    }

    [Fact]
    public void InvoicesIssue_Twice_TwoInvoicesWithUnrelatedNumbers()
    {
        var id = _db.CreateAccount();

        var first = _db.Run("invoices", "issue", $"{id}", "--amount", "100");
        var second = _db.Run("invoices", "issue", $"{id}", "--amount", "100");

        Assert.StartsWith("Invoice ", first.Output, StringComparison.Ordinal);
        Assert.NotEqual(first.Output, second.Output);
        Assert.Equal(2, _db.Json("invoices", "list", $"{id}").GetArrayLength());
    }

    [Fact]
    public void InvoicesIssue_SameKeyTwice_OneInvoice()
    {
        var id = _db.CreateAccount();

        var first = _db.Run("invoices", "issue", $"{id}", "--amount", "100", "--key", "crm-7");
        var second = _db.Run("invoices", "issue", $"{id}", "--amount", "100", "--key", "crm-7");

        Assert.Equal(first.Output, second.Output);
        Assert.Equal(1, _db.Json("invoices", "list", $"{id}").GetArrayLength());
    }

    [Fact]
    public void PaymentsRecord_WorkedExample1_WholeAmountPaidReachesTheBalance()
    {
        var id = _db.CreateAccount();
        var number = _db.Json("invoices", "issue", $"{id}", "--amount", "100").GetProperty("number").GetString()!;

        var run = _db.Run("payments", "record", "--invoice", number, "--amount", "120", "--payment-id", "psp-1");

        Assert.Equal($"Payment psp-1 of 120.00 USD recorded for invoice {number} on account #1. Balance: 120.00 USD.", run.Output.Trim());
        var invoice = _db.Json("invoices", "list", $"{id}")[0];
        Assert.Equal("paid", invoice.GetProperty("status").GetString());
        Assert.Equal(120m, invoice.GetProperty("amountPaid").GetDecimal());
        Assert.Contains($"{number}  2022-09-28 10:00 UTC  100.00 USD  paid: 120.00 USD", _db.Run("invoices", "list", $"{id}").Output, StringComparison.Ordinal);
    }

    [Fact]
    public void PaymentsRecord_SamePaymentIdTwice_CreditsOnce()
    {
        var id = _db.CreateAccount();

        _db.Run("payments", "record", "--account", $"{id}", "--amount", "50", "--payment-id", "bank-1");
        var again = _db.Json("payments", "record", "--account", $"{id}", "--amount", "50", "--payment-id", "bank-1");

        Assert.Equal(50m, again.GetProperty("balance").GetDecimal());
        Assert.Equal("bank-1", again.GetProperty("payment").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PaymentsRecord_InvoiceAndAccountBothOrNeither_Refused(bool both)
    {
        var id = _db.CreateAccount();
        string[] target = both ? ["--invoice", "ABCDE-FGHJK", "--account", $"{id}"] : [];

        var run = _db.Run(["payments", "record", .. target, "--amount", "50", "--payment-id", "bank-1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Give either --invoice or --account", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public void InvoicesCancel_Unpaid_IsCancelledAndCannotBeCancelledAfterPayment()
    {
        var id = _db.CreateAccount();
        var unpaid = _db.Json("invoices", "issue", $"{id}", "--amount", "10").GetProperty("number").GetString()!;
        var paid = _db.Json("invoices", "issue", $"{id}", "--amount", "20").GetProperty("number").GetString()!;
        _db.Run("payments", "record", "--invoice", paid, "--amount", "20", "--payment-id", "psp-2");

        var cancel = _db.Run("invoices", "cancel", unpaid.ToLowerInvariant());
        var refused = _db.Run("invoices", "cancel", paid);

        Assert.Equal($"Invoice {unpaid} is cancelled.", cancel.Output.Trim());
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"Invoice {paid} is paid, so it cannot be cancelled.", refused.ErrorLine);
    }

    [Fact]
    public void InvoicesList_NoInvoices_SaysSo()
    {
        var id = _db.CreateAccount();

        Assert.Equal("Account #1 has no invoices.", _db.Run("invoices", "list", $"{id}").Output.Trim());
    }

    public void Dispose() => _db.Dispose();
}
