using BillingBot.Billing;
using BillingBot.Billing.Invoices;
using BillingBot.Dialogs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace BillingBot.Payments;

/// <summary>
/// Telegram's own payments: an unpaid invoice sent as a Telegram invoice (its number the payload), the pre-checkout
/// query answered from the ledger, and the successful payment recorded once, keyed by Telegram's charge id.
/// </summary>
internal sealed partial class TelegramPayments(ITelegramBotClient bot, BillingService billing, ChatEngine engine, IOptions<PaymentChannelOptions> options, ILogger<TelegramPayments> logger)
{
    public bool Enabled => options.Value.Telegram.Enabled;

    /// <summary>Sends the invoice to pay in the chat, if the user may see it and it is still unpaid; otherwise says why.</summary>
    public async Task<string?> SendInvoiceAsync(long chatId, long userId, string number, string language, CancellationToken cancellationToken)
    {
        var t = engine.TextFor(language);
        if (!Enabled)
        {
            return t["chat.payments.unavailable"];
        }

        Billing.Invoices.Invoice invoice;
        try
        {
            invoice = billing.Invoices.Get(number);
        }
        catch (BillingException)
        {
            return t["chat.payments.notPayable"];
        }

        if (invoice.Status != InvoiceStatus.Unpaid || !billing.Members.AccountsOf(userId).Any(m => m.AccountId == invoice.AccountId))
        {
            return t["chat.payments.notPayable"];
        }

        var account = billing.Accounts.Get(invoice.AccountId);
        await bot.SendInvoice(
            chatId,
            t["chat.payments.title", ("number", invoice.Number)],
            t["chat.payments.description", ("name", Chat.ChatText.Raw(account.Name)), ("amount", t.Money(invoice.Amount, invoice.Currency))],
            invoice.Number,
            invoice.Currency,
            [new LabeledPrice(t["chat.payments.label"], MinorUnits(invoice.Amount, invoice.Currency))],
            options.Value.Telegram.ProviderToken,
            cancellationToken: cancellationToken);
        return null;
    }

    /// <summary>Telegram asks whether to take the money (within 10 s): yes only for an unpaid invoice of that amount and currency.</summary>
    public async Task AnswerAsync(PreCheckoutQuery query, CancellationToken cancellationToken)
    {
        // While the store takes no writes the money could not be recorded: Telegram is told not to take it.
        var refusal = billing.Store.Fault is not null ? "chat.payments.unavailable" : Refusal(query.InvoicePayload, query.Currency, query.TotalAmount);
        var language = engine.Session(query.From.Id)?.Language ?? ChatEngine.LanguageOf(query.From.LanguageCode, "en");
        await bot.AnswerPreCheckoutQuery(query.Id, refusal is null ? null : engine.TextFor(language)[refusal], cancellationToken);
    }

    /// <summary>
    /// Records the payment once, however often Telegram delivers it; the invoice-paid notification confirms it,
    /// in <paramref name="chatId"/> too, where it was paid: the key carries the chat.
    /// </summary>
    public void Record(long chatId, SuccessfulPayment paid)
    {
        var payment = billing.Invoices.Record(new IncomingPayment(
            Chat.ChatKeys.TelegramPayment(chatId, paid.TelegramPaymentChargeId),
            paid.TotalAmount / Scale(paid.Currency),
            paid.InvoicePayload,
            Currency: paid.Currency));
        LogRecorded(logger, payment.Id, payment.AccountId);
    }

    private string? Refusal(string number, string currency, long totalAmount)
    {
        try
        {
            var invoice = billing.Invoices.Get(number);
            return invoice.Status == InvoiceStatus.Paid ? "chat.payments.alreadyPaid"
                : invoice.Status == InvoiceStatus.Cancelled ? "chat.payments.cancelled"
                : !string.Equals(invoice.Currency, currency, StringComparison.OrdinalIgnoreCase) || MinorUnits(invoice.Amount, invoice.Currency) != totalAmount ? "chat.payments.changed"
                : null;
        }
        catch (BillingException)
        {
            return "chat.payments.notPayable";
        }
    }

    /// <summary>Telegram counts money in the currency's smallest units (cents, kopecks).</summary>
    private static int MinorUnits(decimal amount, string currency) => checked((int)(amount * Scale(currency)));

    private static decimal Scale(string currency) => Money.IsKnownCurrency(currency.ToUpperInvariant())
        ? Money.MinorPerUnit(currency.ToUpperInvariant())
        : throw new BillingException(BillingError.UnknownCurrency, ("currency", currency));

    [LoggerMessage(510, LogLevel.Information, "Telegram payment {PaymentId} recorded for account {AccountId}")]
    private static partial void LogRecorded(ILogger logger, string paymentId, int accountId);
}
