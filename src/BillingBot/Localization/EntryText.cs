using BillingBot.Billing.Ledger;

namespace BillingBot.Localization;

/// <summary>The description of a ledger entry, rendered from its data under <c>entry.*</c> keys, for the chat and the command line alike.</summary>
internal static class EntryText
{
    /// <param name="entry">The entry to describe.</param>
    /// <param name="text">Looks a key up with its values, in the reader's language.</param>
    /// <param name="day">Writes a billing day the way the reader expects it.</param>
    /// <param name="name">The name of an account (the other side of a transfer); null where it is gone, and its number is said.</param>
    /// <remarks>
    /// A person reads names and document numbers, never the ledger's internal keys: a payment says what it paid (an
    /// invoice) or how it came (a bank transfer); a usage charge is told apart from the daily tariff.
    /// </remarks>
    public static string Of(LedgerEntry entry, Func<string, (string Name, object? Value)[], string> text, Func<DateOnly, string> day, Func<int, string?> name)
    {
        var counterparty = entry.CounterpartyId is { } id ? name(id) ?? "№" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        var description = entry switch
        {
            { Kind: EntryKind.ServiceCharge, ChargeDate: { } date } when entry.Id.StartsWith("usage/", StringComparison.Ordinal) => text("entry.UsageCharge", [("date", day(date))]),
            { Kind: EntryKind.ServiceCharge, ChargeDate: { } date } => text("entry.ServiceCharge", [("date", day(date))]),
            { Kind: EntryKind.Payment, InvoiceNumber: { } number } => text("entry.PaymentForInvoice", [("number", number)]),
            { Kind: EntryKind.Payment } => text("entry.Payment", []),
            { Kind: EntryKind.TransferIn, AutoTopUp: true } => text("entry.AutoTopUpIn", [("account", counterparty)]),
            { Kind: EntryKind.TransferOut, AutoTopUp: true } => text("entry.AutoTopUpOut", [("account", counterparty)]),
            { Kind: EntryKind.PromisedPaymentCredit or EntryKind.PromisedPaymentRepayment } => text("entry." + entry.Kind, [("promise", entry.PromiseId)]),
            _ => text("entry." + entry.Kind, [("account", counterparty)]),
        };
        return entry.Note is { Length: > 0 } note ? text("entry.withNote", [("text", description), ("note", note)]) : description;
    }
}
