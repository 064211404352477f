using Telegram.Bot;
using Telegram.Bot.Types.Payments;

namespace BillingBot.Telegram.Emulator.Tests;

public sealed class PaymentTests : EmulatorTest
{
    [Fact]
    public async Task SendInvoice_RecordsTheInvoiceWithItsTotal()
    {
        var sent = await Bot.SendInvoice(
            ChatId, "Top up", "Balance top-up", "topup:7", "RUB", [new LabeledPrice("Top up", 50_000), new LabeledPrice("Fee", 500)], providerToken: "test");

        var invoice = Assert.Single(Emulator.Messages(ChatId)).Invoice;
        Assert.NotNull(invoice);
        Assert.Equal("topup:7", invoice.Payload);
        Assert.Equal(50_500, invoice.TotalAmount);
        Assert.Equal(50_500, sent.Invoice?.TotalAmount);
    }

    [Fact]
    public async Task PreCheckoutThenSuccessfulPayment_ReachTheBotAndTheAnswerIsRecorded()
    {
        var query = Emulator.PreCheckout(ChatId, "topup:7", "RUB", 50_000);
        var payment = Emulator.SuccessfulPayment(ChatId, "topup:7", "RUB", 50_000, "charge-1");

        var updates = await Bot.GetUpdates();
        await Bot.AnswerPreCheckoutQuery(query.Id);

        Assert.Equal(query.Id, updates[0].PreCheckoutQuery?.Id);
        Assert.Equal("topup:7", updates[0].PreCheckoutQuery?.InvoicePayload);
        Assert.Equal("charge-1", updates[1].Message?.SuccessfulPayment?.TelegramPaymentChargeId);
        Assert.Equal(payment.Id, updates[1].Message?.Id);
        Assert.True((await Emulator.WaitForPreCheckoutAnswerAsync(query.Id)).Ok);
    }

    [Fact]
    public async Task AnswerPreCheckoutQuery_Refused_RecordsTheReason()
    {
        var query = Emulator.PreCheckout(ChatId, "topup:8", "RUB", 100);

        await Bot.AnswerPreCheckoutQuery(query.Id, "Invoice expired");

        var answer = Emulator.PreCheckoutAnswerFor(query.Id);
        Assert.False(answer?.Ok);
        Assert.Equal("Invoice expired", answer?.ErrorMessage);
    }
}
