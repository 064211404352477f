using BillingBot.Billing.Ledger;

namespace BillingBot.Localization;

/// <summary>The description of a ledger entry, rendered from its data under <c>entry.*</c> keys, for the chat and the command line alike.</summary>
internal static class EntryText
{
    /// <param name="entry">The entry to describe.</param>
    /// <param name="text">Looks a key up with its values, in the reader's language.</param>
    /// <param name="day">Writes a billing day the way the reader expects it.</param>
    public static string Of(LedgerEntry entry, Func<string, (string Name, object? Value)[], string> text, Func<DateOnly, string> day)
    {
        var description = entry switch
        {
            { Kind: EntryKind.ServiceCharge, ChargeDate: { } date } => text("entry.ServiceCharge", [("date", day(date))]),
            { Kind: EntryKind.Payment, InvoiceNumber: { } number } => text("entry.PaymentForInvoice", [("number", number), ("paymentId", entry.PaymentId)]),
            { Kind: EntryKind.Payment } => text("entry.Payment", [("paymentId", entry.PaymentId)]),
            { Kind: EntryKind.TransferIn, AutoTopUp: true } => text("entry.AutoTopUpIn", [("account", entry.CounterpartyId)]),
            { Kind: EntryKind.TransferOut, AutoTopUp: true } => text("entry.AutoTopUpOut", [("account", entry.CounterpartyId)]),
            { Kind: EntryKind.PromisedPaymentCredit or EntryKind.PromisedPaymentRepayment } => text("entry." + entry.Kind, [("promise", entry.PromiseId)]),
            _ => text("entry." + entry.Kind, [("account", entry.CounterpartyId)]),
        };
        return entry.Note is { Length: > 0 } note ? text("entry.withNote", [("text", description), ("note", note)]) : description;
    }
}
