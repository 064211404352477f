using BillingBot.Billing.Ledger;

namespace BillingBot.Cli;

/// <summary>The description of a ledger entry, rendered from its data under <c>entry.*</c> keys.</summary>
internal static class EntryText
{
    public static string Of(OperatorContext c, LedgerEntry e)
    {
        var text = e switch
        {
            { Kind: EntryKind.ServiceCharge, ChargeDate: { } day } => c.T("entry.ServiceCharge", ("date", Formats.Day(day))),
            { Kind: EntryKind.Payment, InvoiceNumber: { } number } => c.T("entry.PaymentForInvoice", ("number", number), ("paymentId", e.PaymentId)),
            { Kind: EntryKind.Payment } => c.T("entry.Payment", ("paymentId", e.PaymentId)),
            { Kind: EntryKind.TransferIn, AutoTopUp: true } => c.T("entry.AutoTopUpIn", ("account", e.CounterpartyId)),
            { Kind: EntryKind.TransferOut, AutoTopUp: true } => c.T("entry.AutoTopUpOut", ("account", e.CounterpartyId)),
            { Kind: EntryKind.PromisedPaymentCredit or EntryKind.PromisedPaymentRepayment } => c.T("entry." + e.Kind, ("promise", e.PromiseId)),
            _ => c.T("entry." + e.Kind, ("account", e.CounterpartyId)),
        };
        return e.Note is { Length: > 0 } note ? c.T("entry.withNote", ("text", text), ("note", note)) : text;
    }
}
