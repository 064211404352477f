using BillingBot.Billing.Accounts;

namespace BillingBot.Telegram.Tests;

/// <summary>Telegram's own payments through the emulator: invoice in the chat, pre-checkout, successful payment recorded once.</summary>
public sealed class TelegramPaymentTests : BotTest
{
    private const long Owner = 8008;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RestartAsync(settings: [new("Payments:Telegram:ProviderToken", "284685063:TEST:provider")]);
    }

    [Fact]
    public async Task PayInTelegram_InvoiceCheckoutAndPaymentDeliveredTwice_RecordedOnce()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        var number = Bot.Billing.Invoices.Issue(shop.Id, 120.50m, "test-invoice").Number;
        var invoices = await Bot.PressAsync(menu, "Invoices");

        var pay = invoices.Buttons.Single(b => b.Text == "Pay in Telegram");
        Emulator.PressButton(Owner, invoices.Id, pay.CallbackData!);
        var sent = await Emulator.WaitForMessageAsync(Owner, m => m.Invoice is not null);

        Assert.Equal((number, "USD", 12_050L), (sent.Invoice!.Payload, sent.Invoice.Currency, sent.Invoice.TotalAmount));
        var checkout = Emulator.PreCheckout(Owner, number, "USD", 12_050);
        Assert.True((await Emulator.WaitForPreCheckoutAnswerAsync(checkout.Id)).Ok);

        Emulator.SuccessfulPayment(Owner, number, "USD", 12_050, "charge-1");
        Emulator.SuccessfulPayment(Owner, number, "USD", 12_050, "charge-1");
        await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.Contains("is paid", StringComparison.Ordinal));
        await Emulator.WaitForConfirmedAsync(Emulator.LastUpdateId);

        Assert.Equal(120.50m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Single(Bot.Billing.Accounts.History(shop.Id).Entries);
    }

    [Fact]
    public async Task PayInTelegram_ManagerPaysAnInvoiceIssuedByTheOperator_ConfirmedInTheManagersChatAndToTheOwner()
    {
        const long Manager = 8009;
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        await Bot.LinkAsync(Owner, shop.Id);
        var menu = await Bot.LinkAsync(Manager, shop.Id, Billing.Members.Role.Manager);
        var number = Bot.Billing.Invoices.Issue(shop.Id, 40m, "cli/operator-invoice").Number;
        var invoices = await Bot.PressAsync(menu, "Invoices");

        Emulator.PressButton(Manager, invoices.Id, invoices.Button("Pay in Telegram").CallbackData!);
        await Emulator.WaitForMessageAsync(Manager, m => m.Invoice is not null);
        Emulator.SuccessfulPayment(Manager, number, "USD", 4_000, "charge-7");

        var told = await Emulator.WaitForMessageAsync(Manager, m => m.PlainText.Contains("is paid", StringComparison.Ordinal));
        Assert.Contains(number, told.PlainText, StringComparison.Ordinal);
        await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.Contains(number + " is paid", StringComparison.Ordinal));
        Assert.Equal($"telegram/{Manager}/charge-7", Bot.Billing.Invoices.Get(number).PaymentId);
    }

    [Theory]
    [InlineData(true, "This invoice is already paid.")]
    [InlineData(false, "This invoice was cancelled; please ask for a new one.")]
    public async Task PreCheckout_InvoicePaidOrCancelled_RefusedWithItsOwnReason(bool paid, string reason)
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        var number = Bot.Billing.Invoices.Issue(shop.Id, 100m, "test-invoice").Number;
        if (paid)
        {
            Bot.Billing.Invoices.Record(new Billing.Invoices.IncomingPayment("bank-1", 100m, number));
        }
        else
        {
            Bot.Billing.Invoices.Cancel(number);
        }

        var answer = await Emulator.WaitForPreCheckoutAnswerAsync(Emulator.PreCheckout(Owner, number, "USD", 10_000).Id);

        Assert.False(answer.Ok);
        Assert.Equal(reason, answer.ErrorMessage);
    }

    [Fact]
    public async Task PreCheckout_AmountDiffersFromTheInvoice_Refused()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        var number = Bot.Billing.Invoices.Issue(shop.Id, 100m, "test-invoice").Number;

        var answer = await Emulator.WaitForPreCheckoutAnswerAsync(Emulator.PreCheckout(Owner, number, "USD", 5_000).Id);

        Assert.False(answer.Ok);
        Assert.Equal(0m, Bot.Billing.Accounts.Get(shop.Id).Balance);
    }
}
