using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;

namespace BillingBot.Telegram.Tests;

/// <summary>Whole conversations: the real host and Telegram.Bot client against the Bot API emulator on 127.0.0.1.</summary>
public sealed class BotConversationTests : BotTest
{
    private const long Owner = 1001;

    [Fact]
    public async Task TopUp_Example1_InvoiceWithPaymentLinkListedUntilPaid()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        Assert.Contains("Balance: $0.00", menu.PlainText, StringComparison.Ordinal);

        var amount = await Bot.PressAsync(menu, "Top up");
        var confirm = await Bot.SayAsync(Owner, "100");
        Assert.Contains("Top up Flower shop by $100.00?", confirm.PlainText, StringComparison.Ordinal);
        var issued = await Bot.PressAsync(confirm, "Confirm");

        var invoice = Assert.Single(Bot.Billing.Invoices.List(shop.Id));
        Assert.Equal((InvoiceStatus.Unpaid, 100m), (invoice.Status, invoice.Amount));
        Assert.Equal($"https://pay.example.com/bill/{invoice.Number}", issued.Button($"Pay {invoice.Number}").Url);
        Assert.Equal(confirm.Id, issued.Id);
        Assert.Contains(amount.Buttons, b => b.Text.Contains("$33.30", StringComparison.Ordinal));

        Bot.Billing.Invoices.Record(new IncomingPayment("pay-1", 120m, invoice.Number));
        var invoices = await Bot.PressAsync(issued, "Menu");
        var list = await Bot.PressAsync(invoices, "Invoices");
        Assert.Contains("Paid invoices\n" + invoice.Number + " — $120.00", list.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_InTheMiddleOfATopUp_ResumesAtTheSameStep()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        var amounts = await Bot.PressAsync(menu, "Top up");
        var confirm = await Bot.PressAsync(amounts, "10 days — $33.30");

        await RestartAsync();
        var issued = await Bot.PressAsync(confirm, "Confirm");

        Assert.True(Bot.Billing.Invoices.List(shop.Id).Count == 1, issued.PlainText);
        Assert.Equal(33.30m, Assert.Single(Bot.Billing.Invoices.List(shop.Id)).Amount);
    }

    [Fact]
    public async Task ForgedCallback_OtherAccountsInvoice_RefusedAndLeftAlone()
    {
        var mine = Bot.Billing.Accounts.Create(new NewAccount("Mine", "USD", 1m));
        var theirs = Bot.Billing.Accounts.Create(new NewAccount("Theirs", "USD", 1m));
        var their = Bot.Billing.Invoices.Issue(theirs.Id, 50m, "theirs");
        var menu = await Bot.LinkAsync(Owner, mine.Id);
        var invoices = await Bot.PressAsync(menu, "Invoices");

        var query = Emulator.PressButton(Owner, invoices.Id, $"cx:{their.Number}", Owner);
        var answer = await Emulator.WaitForCallbackAnswerAsync(query.Id);
        var screen = await Emulator.WaitForMessageAsync(Owner);

        Assert.NotNull(answer);
        Assert.StartsWith("That is not available to you.", screen.PlainText, StringComparison.Ordinal);
        Assert.Equal(InvoiceStatus.Unpaid, Bot.Billing.Invoices.Get(their.Number).Status);
    }

    [Fact]
    public async Task Languages_RussianAndEnglishUsers_EachSeeTheirOwn()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "RUB", 150m));
        var english = await Bot.LinkAsync(Owner, shop.Id);
        var russian = await Bot.LinkAsync(2002, shop.Id, Role.Manager, "ru");

        Assert.Contains(english.Buttons, b => b.Text == "Balance");
        Assert.Contains(russian.Buttons, b => b.Text == "Баланс");
        var balance = await Bot.PressAsync(russian, "Баланс", "ru");
        Assert.Contains("0,00 ₽", balance.PlainText, StringComparison.Ordinal);
        Assert.Contains("start", Emulator.Commands["ru"].Select(c => c.Command));
        Assert.Contains("Главное меню", Emulator.Commands["ru"].Select(c => c.Description));
        Assert.Contains("Main menu", Emulator.Commands["en"].Select(c => c.Description));
        foreach (var language in new[] { "en", "ru" })
        {
            var commands = Emulator.Commands[language];
            Assert.Equal(["menu", "balance", "topup", "cancel", "help", "start"], commands.Select(c => c.Command));
            // Each says what it does: no two alike.
            Assert.Equal(commands.Count, commands.Select(c => c.Description).Distinct().Count());
        }
    }

    [Fact]
    public async Task Cancel_FromATopUp_BackToTheMenu()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        await Bot.PressAsync(menu, "Top up");

        var after = await Bot.SayAsync(Owner, "/cancel");

        Assert.StartsWith("Cancelled.", after.PlainText, StringComparison.Ordinal);
        Assert.Contains(after.Buttons, b => b.Text == "Top up");
        Assert.Empty(Bot.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task Link_WrongCode_ClearMessage()
    {
        var reply = await Bot.SayAsync(Owner, "/start NOT-A-CODE");

        Assert.Contains("invitation", reply.PlainText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Handler_SendFails_UserGetsAnApologyAndTheLoopGoesOn()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await Bot.LinkAsync(Owner, shop.Id);

        Emulator.FailNext("sendMessage", 400, description: "Bad Request: something unexpected");
        var apology = await Bot.SayAsync(Owner, "hello");
        var next = await Bot.SayAsync(Owner, "/menu");

        Assert.Contains("Sorry, something went wrong", apology.PlainText, StringComparison.Ordinal);
        Assert.Contains(next.Buttons, b => b.Text == "Balance");
    }

    [Fact]
    public async Task Logs_AfterAConversationAndAFailedPoll_NeverHoldTheToken()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        Emulator.FailNext("getUpdates", 502, description: "Bad Gateway");
        await Bot.PressAsync(menu, "Balance");

        Assert.NotEmpty(Bot.Logs.Lines);
        Assert.DoesNotContain(Bot.Logs.Lines, l => l.Contains(Emulator.Token, StringComparison.Ordinal) || l.Contains(Emulator.Token.Split(':')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blocked_ThenWritesAgain_UnreachableThenReachable()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await Bot.LinkAsync(Owner, shop.Id);

        Emulator.BlockBot(Owner);
        await WaitUntilAsync(() => Session(Owner)?.Unreachable == true);
        await Bot.SayAsync(Owner, "/menu");

        Assert.False(Session(Owner)!.Unreachable);
    }

    private Chat.ChatSession? Session(long chat) =>
        Bot.Billing.Store.Read(() => Bot.Billing.Store.Collection<Chat.ChatSession>("chats").FindById(chat));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task TopUp_RussianAmountOfThousands_ButtonsAndToastsPlainTextWithoutHtmlEntities()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Цветы", "RUB", 135m));
        var menu = await Bot.LinkAsync(Owner, shop.Id, language: "ru");

        var amount = await Bot.PressAsync(menu, "Пополнить", "ru");

        // A button's label is plain text: the no-break space of "1 350,00 ₽" is the character, not "&#160;".
        Assert.Contains(amount.Buttons, b => b.Text == "10 дней — 1\u00a0350,00 ₽");
        Assert.DoesNotContain(amount.Buttons, b => b.Text.Contains('&', StringComparison.Ordinal));

        var invoices = await Bot.PressAsync(await Bot.PressAsync(amount, "Отмена", "ru"), "Счета на оплату", "ru");
        var query = Emulator.PressButton(Owner, invoices.Id, "cx:A&B<1>", Owner, "ru");
        var toast = await Emulator.WaitForCallbackAnswerAsync(query.Id);
        Assert.Contains("A&B<1>", toast.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TelegramSaysWhoTheBotIs_UsernameKeptInTheStoreForTheCommandLine()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await Bot.LinkAsync(Owner, shop.Id);

        Assert.Equal("emulated_test_bot", new BillingBot.Chat.BotIdentity(Bot.Billing.Store).Username);
    }
}
