using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;

namespace BillingBot.Telegram.Tests;

/// <summary>Notifications delivered through the real host and client: once, within Telegram's answers.</summary>
public sealed class NotificationTests : BotTest
{
    private const long Owner = 5005;
    private const long Manager = 5006;

    [Fact]
    public async Task InvoicePaid_AfterATopUpInTheChat_ConfirmedThereOnce()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        await Bot.PressAsync(await Bot.SayAsync(Owner, "/start"), "Top up");
        var issued = await Bot.PressAsync(await Bot.SayAsync(Owner, "100"), "Confirm");
        var invoice = Assert.Single(Bot.Billing.Invoices.List(shop.Id));

        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 120m, invoice.Number));
        var paid = await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.StartsWith("Invoice", StringComparison.Ordinal));

        Assert.Equal($"Invoice {invoice.Number} is paid: $120.00 reached Flower shop. Balance: $120.00.", paid.PlainText);
        await Task.Delay(500);
        Assert.Single(Emulator.Messages(Owner), m => m.PlainText.Contains("is paid", StringComparison.Ordinal));
        Assert.NotEqual(menu.Id, issued.Id);
    }

    [Fact]
    public async Task LowBalance_TooManyRequestsOnce_WaitedOutAndDeliveredOnce()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 10m));
        await Bot.LinkAsync(Owner, shop.Id);
        Emulator.FailNext("sendMessage", 429, retryAfter: 1);

        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 25m, AccountId: shop.Id));
        var low = await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.Contains("is low", StringComparison.Ordinal), TimeSpan.FromSeconds(15));

        Assert.Equal("Top up", Assert.Single(low.Buttons).Text);
        await Task.Delay(500);
        Assert.Single(Emulator.Messages(Owner), m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        Assert.Contains(Emulator.Calls, c => c.Method == "sendMessage" && c.StatusCode == 429);
    }

    [Fact]
    public async Task LowBalance_OneChatBlockedTheBot_OthersStillHearAndThatChatIsMarked()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 10m));
        await Bot.LinkAsync(Owner, shop.Id);
        await Bot.LinkAsync(Manager, shop.Id, Role.Manager);
        Emulator.BlockBot(Manager);
        await Task.Delay(300);

        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 25m, AccountId: shop.Id));

        await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        Assert.DoesNotContain(Emulator.Messages(Manager), m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        Assert.True(Bot.Billing.Store.Read(() => Bot.Billing.Store.Collection<Chat.ChatSession>("chats").FindById(Manager))!.Unreachable);
    }

    [Fact]
    public async Task LowBalance_GroupBecameASupergroupUnseen_AlertFollowsItThereOnce()
    {
        var shop = await ShopWithGroupAsync();
        using (Emulator.HoldUpdates())
        {
            Emulator.UpgradeToSupergroup(Group, Supergroup, Owner);
            Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 25m, AccountId: shop.Id));

            await Emulator.WaitForMessageAsync(Supergroup, m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        }

        await Task.Delay(500);
        Assert.Single(Emulator.Messages(Supergroup), m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        Assert.DoesNotContain(Emulator.Messages(Group), m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        Assert.Contains(Emulator.Calls, c => c.Method == "sendMessage" && c.StatusCode == 400);
        Assert.Equal(shop.Id, Session(Supergroup)?.AccountId);
        Assert.Null(Session(Group));
    }

    [Fact]
    public async Task GroupBecameASupergroup_ServiceMessagesMoveItsLink_NextAlertGoesStraightThere()
    {
        var shop = await ShopWithGroupAsync();

        Emulator.UpgradeToSupergroup(Group, Supergroup, Owner);
        await Emulator.WaitForConfirmedAsync(Emulator.LastUpdateId);
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 25m, AccountId: shop.Id));

        await Emulator.WaitForMessageAsync(Supergroup, m => m.PlainText.Contains("is low", StringComparison.Ordinal));
        Assert.Equal(shop.Id, Session(Supergroup)?.AccountId);
        Assert.DoesNotContain(Emulator.Calls, c => c.Method == "sendMessage" && c.StatusCode == 400);
    }

    private const long Group = -100;
    private const long Supergroup = -1_001_000_000_100;

    /// <summary>A shop whose balance will run low, its owner linked, and a group where the owner opened the menu.</summary>
    private async Task<Account> ShopWithGroupAsync()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 10m));
        await Bot.LinkAsync(Owner, shop.Id);
        Emulator.SendText(Group, "/start", Owner);
        await Emulator.WaitForMessageAsync(Group, m => m.Buttons.Any());
        Assert.Equal(shop.Id, Session(Group)?.AccountId);
        return shop;
    }

    private Chat.ChatSession? Session(long chat) =>
        Bot.Billing.Store.Read(() => Bot.Billing.Store.Collection<Chat.ChatSession>("chats").FindById(chat));
}
