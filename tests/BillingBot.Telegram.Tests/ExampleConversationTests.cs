using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;

namespace BillingBot.Telegram.Tests;

/// <summary>PRODUCT.md's worked examples 2–6 as chats with the bot, through the Bot API emulator.</summary>
public sealed class ExampleConversationTests : BotTest
{
    private const long Owner = 3003;

    [Fact]
    public async Task TopUp_Example2_OffersTenAndThirtyDaysOfTheLargestCharge()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        Bot.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 26), 3.33m);
        Bot.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 27), 3.33m);
        Bot.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 28), 5.58m);
        var menu = await Bot.LinkAsync(Owner, shop.Id);

        var amounts = await Bot.PressAsync(menu, "Top up");

        Assert.Equal("amt:55.80", amounts.Button("10 days — $55.80").CallbackData);
        Assert.Equal("amt:167.40", amounts.Button("30 days — $167.40").CallbackData);
    }

    [Fact]
    public async Task Balance_Example3_DaysLeftInWordsAndHistoryNewestFirst()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        decimal[] week = [3.33m, 3.33m, 5.58m, 3.33m, 3.33m, 5.58m, 3.50m];
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 155.46m + week.Sum(), AccountId: shop.Id));
        for (var i = 0; i < week.Length; i++)
        {
            Bot.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 22).AddDays(i), week[i]);
        }

        var menu = await Bot.LinkAsync(Owner, shop.Id);
        var balance = await Bot.PressAsync(menu, "Balance");
        Assert.Contains("Balance: $155.46", balance.PlainText, StringComparison.Ordinal);
        Assert.Contains("The money lasts about 38 days, until 6 November.", balance.PlainText, StringComparison.Ordinal);

        var history = await Bot.PressAsync(await Bot.PressAsync(balance, "Menu"), "History");
        Assert.Contains("-$3.50  Usage charge for 28.09.2022", history.PlainText.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promise_Example4_TakenAtOnceListedWithRepayAndRepaid()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 5.58m));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 100m, AccountId: shop.Id));
        var menu = await Bot.LinkAsync(Owner, shop.Id);

        var offer = await Bot.PressAsync(menu, "Promised payment");
        Assert.Contains("up to $167.40", offer.PlainText, StringComparison.Ordinal);
        await Bot.PressAsync(offer, "Take a promised payment");
        var confirm = await Bot.SayAsync(Owner, "100");
        var taken = await Bot.PressAsync(confirm, "Confirm");

        Assert.Equal(200m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Contains("Repay it by 6 October", taken.PlainText, StringComparison.Ordinal);
        var repaid = await Bot.PressAsync(taken, "Repay $100.00");
        Assert.Contains("The promised payment is repaid.", repaid.PlainText, StringComparison.Ordinal);
        Assert.Equal(100m, Bot.Billing.Accounts.Get(shop.Id).Balance);
    }

    [Fact]
    public async Task Clients_Example5_RuleSetInChatTopsUpFourTimesADay()
    {
        var agency = Bot.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency));
        var client = Bot.Billing.Accounts.Create(new NewAccount("Bakery", "RUB", 0m, AgencyId: agency.Id));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 10_000m, AccountId: agency.Id));
        Bot.Billing.Agency.Transfer(agency.Id, client.Id, 500m, "start");
        var menu = await Bot.LinkAsync(Owner, agency.Id);

        var clients = await Bot.PressAsync(menu, "Clients");
        var bakery = await Bot.PressAsync(clients, "Bakery");
        await Bot.PressAsync(bakery, "Auto top-up rule");
        await Bot.SayAsync(Owner, "500");
        await Bot.SayAsync(Owner, "0");
        var period = await Bot.SayAsync(Owner, "2 000");
        var confirm = await Bot.PressAsync(period, "Day");
        var saved = await Bot.PressAsync(confirm, "Confirm");
        Assert.Contains("(on)", saved.PlainText, StringComparison.Ordinal);

        for (var i = 1; i <= 5; i++)
        {
            Bot.Billing.Charges.Post(client.Id, new DateOnly(2022, 9, 29), 500m, key: $"use-{i}");
        }

        Assert.Equal(0m, Bot.Billing.Accounts.Get(client.Id).Balance);
        Assert.Equal(10_000m - 500m - 4 * 500m, Bot.Billing.Accounts.Get(agency.Id).Balance);
        Assert.Equal(2_000m, Bot.Billing.Agency.Rule(client.Id)!.UsedInPeriod);
    }

    [Fact]
    public async Task Clients_Example6_TakeBackNeverMoreThanTheClientHas()
    {
        var agency = Bot.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency));
        var client = Bot.Billing.Accounts.Create(new NewAccount("Bakery", "RUB", 0m, AgencyId: agency.Id));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 1_000m, AccountId: agency.Id));
        Bot.Billing.Agency.Transfer(agency.Id, client.Id, 300m, "give");
        var menu = await Bot.LinkAsync(Owner, agency.Id);
        var bakery = await Bot.PressAsync(await Bot.PressAsync(menu, "Clients"), "Bakery");

        await Bot.PressAsync(bakery, "Take back");
        // Refused as typed: the person is asked again rather than shown a Confirm that cannot succeed.
        var tooMuch = await Bot.SayAsync(Owner, "400");
        Assert.Contains("Not enough money", tooMuch.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain(tooMuch.Buttons, b => b.Text == "Confirm");
        Assert.Equal(300m, Bot.Billing.Accounts.Get(client.Id).Balance);

        await Bot.PressAsync(await Bot.PressAsync(await Bot.PressAsync(menu, "Clients"), "Bakery"), "Take back");
        var done = await Bot.PressAsync(await Bot.SayAsync(Owner, "300"), "Confirm");
        Assert.Contains("taken back from Bakery", done.PlainText, StringComparison.Ordinal);
        Assert.Equal((0m, 1_000m), (Bot.Billing.Accounts.Get(client.Id).Balance, Bot.Billing.Accounts.Get(agency.Id).Balance));
    }

    [Fact]
    public async Task Manager_NoTakeButtonAndAForgedTake_OwnersOnlyAndNothingMoves()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 5.58m));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 10m, AccountId: shop.Id));
        var menu = await Bot.LinkAsync(Owner, shop.Id, Role.Manager);

        var promise = await Bot.PressAsync(menu, "Promised payment");
        Assert.DoesNotContain(promise.Buttons, b => b.Text == "Take a promised payment");
        var query = Emulator.PressButton(Owner, promise.Id, "take", Owner);
        var refused = await Emulator.WaitForMessageAsync(Owner, m => m.Id == promise.Id && m.PlainText.StartsWith("Only", StringComparison.Ordinal));
        await Emulator.WaitForCallbackAnswerAsync(query.Id);

        Assert.StartsWith("Only the account owner, or a manager the owner allowed to, can move money.", refused.PlainText, StringComparison.Ordinal);
        Assert.Equal(10m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.DoesNotContain(menu.Buttons, b => b.Text == "Invite a manager");
    }
}
