using System.CommandLine;
using BillingBot.Billing.Invoices;

namespace BillingBot.Cli;

/// <summary><c>invoices issue|list|cancel</c> and <c>payments record</c>.</summary>
internal static class InvoiceCommands
{
    /// <summary>A recorded payment and the account's balance after it.</summary>
    public sealed record PaymentReport(Payment Payment, decimal Balance);

    public static Command Invoices(OperatorContext c) =>
        new("invoices", c.T("cli.help.invoices")) { Issue(c), List(c), Cancel(c) };

    public static Command Payments(OperatorContext c)
    {
        var invoice = new Option<string?>("--invoice") { HelpName = "number", Description = c.T("cli.help.invoiceNumber") };
        var account = Inputs.OptionalId(c, "--account", "cli.help.paymentAccount");
        var amount = Inputs.Amount(c, "--amount", "cli.help.amount");
        var paymentId = new Option<string>("--payment-id") { Required = true, HelpName = "id", Description = c.T("cli.help.paymentId") };
        var record = new Command("record", c.T("cli.help.payments.record")) { invoice, account, amount, paymentId };
        record.Validators.Add(r =>
        {
            if ((r.GetResult(invoice) is null) == (r.GetResult(account) is null))
            {
                r.AddError(c.T("cli.error.paymentTarget"));
            }
        });
        c.Handle(record, parse =>
        {
            var payment = c.Billing.Invoices.Record(new IncomingPayment(parse.GetRequiredValue(paymentId), parse.GetValue(amount), parse.GetValue(invoice), parse.GetValue(account)));
            var balance = c.Billing.Accounts.Get(payment.AccountId).Balance;
            c.Print(new PaymentReport(payment, balance), r => c.T(
                r.Payment.InvoiceNumber is null ? "cli.payment.recorded" : "cli.payment.recordedForInvoice",
                ("paymentId", r.Payment.Id),
                ("amount", Formats.Money(r.Payment.Amount, r.Payment.Currency)),
                ("id", r.Payment.AccountId),
                ("number", r.Payment.InvoiceNumber),
                ("balance", Formats.Money(r.Balance, r.Payment.Currency))));
        });
        return new Command("payments", c.T("cli.help.payments")) { record };
    }

    private static Command Issue(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var amount = Inputs.Amount(c, "--amount", "cli.help.amount");
        var key = Inputs.Key(c);
        var command = new Command("issue", c.T("cli.help.invoices.issue")) { id, amount, key };
        c.Handle(command, parse =>
        {
            // Without --key each run is a new request: an operator issuing twice means two invoices.
            var invoice = c.Billing.Invoices.Issue(parse.GetValue(id), parse.GetValue(amount), Inputs.KeyOf(parse, key));
            c.Print(invoice, i => c.T("cli.invoice.issued", ("number", i.Number), ("amount", Formats.Money(i.Amount, i.Currency)), ("id", i.AccountId), ("link", i.PaymentLink)));
        });
        return command;
    }

    private static Command List(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var command = new Command("list", c.T("cli.help.invoices.list")) { id };
        c.Handle(command, parse =>
        {
            var accountId = parse.GetValue(id);
            c.Print(c.Billing.Invoices.List(accountId), invoices => invoices.Count == 0
                ? c.T("cli.invoices.none", ("id", accountId))
                : string.Join(Environment.NewLine, invoices.Select(i => Line(c, i))));
        });
        return command;
    }

    private static Command Cancel(OperatorContext c)
    {
        var number = new Argument<string>("number") { Description = c.T("cli.help.invoiceNumber") };
        var command = new Command("cancel", c.T("cli.help.invoices.cancel")) { number };
        c.Handle(command, parse => c.Print(c.Billing.Invoices.Cancel(parse.GetRequiredValue(number)), i => c.T("cli.invoice.cancelled", ("number", i.Number))));
        return command;
    }

    private static string Line(OperatorContext c, Invoice i) => i.Status == InvoiceStatus.Paid
        ? c.T("cli.invoices.rowPaid", ("number", i.Number), ("created", Formats.Instant(i.CreatedAt)), ("amount", Formats.Money(i.Amount, i.Currency)), ("status", i.Status), ("paid", Formats.Money(i.AmountPaid, i.Currency)), ("paidAt", i.PaidAt is { } t ? Formats.Instant(t) : ""))
        : c.T("cli.invoices.row", ("number", i.Number), ("created", Formats.Instant(i.CreatedAt)), ("amount", Formats.Money(i.Amount, i.Currency)), ("status", i.Status), ("link", i.PaymentLink));
}
