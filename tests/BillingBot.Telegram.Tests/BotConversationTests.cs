using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>Whole conversations: the real host and Telegram.Bot client against the Bot API emulator on 127.0.0.1.</summary>
public sealed class BotConversationTests : IAsyncLifetime
{
    private const long Owner = 1001;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-e2e", Guid.NewGuid().ToString("N"));
    private BotApiEmulator _emulator = null!;
    private BotHost _bot = null!;

    private string DbPath => Path.Combine(_folder, "billing.db");

    public async Task InitializeAsync()
    {
        _emulator = await BotApiEmulator.StartAsync();
        _bot = await BotHost.StartAsync(_emulator, DbPath);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _emulator.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }

    [Fact]
    public async Task TopUp_Example1_InvoiceWithPaymentLinkListedUntilPaid()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await _bot.LinkAsync(Owner, shop.Id);
        Assert.Contains("Balance: $0.00", menu.PlainText, StringComparison.Ordinal);

        var amount = await _bot.PressAsync(menu, "Top up");
        var confirm = await _bot.SayAsync(Owner, "100");
        Assert.Contains("Top up Flower shop by $100.00?", confirm.PlainText, StringComparison.Ordinal);
        var issued = await _bot.PressAsync(confirm, "Confirm");

        var invoice = Assert.Single(_bot.Billing.Invoices.List(shop.Id));
        Assert.Equal((InvoiceStatus.Unpaid, 100m), (invoice.Status, invoice.Amount));
        Assert.Equal($"https://pay.example.com/bill/{invoice.Number}", issued.Button($"Pay {invoice.Number}").Url);
        Assert.Equal(confirm.Id, issued.Id);
        Assert.Contains(amount.Buttons, b => b.Text.Contains("$33.30", StringComparison.Ordinal));

        _bot.Billing.Invoices.Record(new IncomingPayment("pay-1", 120m, invoice.Number));
        var invoices = await _bot.PressAsync(issued, "Menu");
        var list = await _bot.PressAsync(invoices, "Invoices");
        Assert.Contains("Paid invoices\n" + invoice.Number + " — $120.00", list.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_InTheMiddleOfATopUp_ResumesAtTheSameStep()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await _bot.LinkAsync(Owner, shop.Id);
        var amounts = await _bot.PressAsync(menu, "Top up");
        var confirm = await _bot.PressAsync(amounts, "10 days — $33.30");

        await _bot.DisposeAsync();
        _bot = await BotHost.StartAsync(_emulator, DbPath);
        var issued = await _bot.PressAsync(confirm, "Confirm");

        Assert.True(_bot.Billing.Invoices.List(shop.Id).Count == 1, issued.PlainText);
        Assert.Equal(33.30m, Assert.Single(_bot.Billing.Invoices.List(shop.Id)).Amount);
    }

    [Fact]
    public async Task ForgedCallback_OtherAccountsInvoice_RefusedAndLeftAlone()
    {
        var mine = _bot.Billing.Accounts.Create(new NewAccount("Mine", "USD", 1m));
        var theirs = _bot.Billing.Accounts.Create(new NewAccount("Theirs", "USD", 1m));
        var their = _bot.Billing.Invoices.Issue(theirs.Id, 50m, "theirs");
        var menu = await _bot.LinkAsync(Owner, mine.Id);
        var invoices = await _bot.PressAsync(menu, "Invoices");

        var query = _emulator.PressButton(Owner, invoices.Id, $"cx:{their.Number}", Owner);
        var answer = await _emulator.WaitForCallbackAnswerAsync(query.Id);
        var screen = await _emulator.WaitForMessageAsync(Owner);

        Assert.NotNull(answer);
        Assert.StartsWith("That is not available to you.", screen.PlainText, StringComparison.Ordinal);
        Assert.Equal(InvoiceStatus.Unpaid, _bot.Billing.Invoices.Get(their.Number).Status);
    }

    [Fact]
    public async Task Languages_RussianAndEnglishUsers_EachSeeTheirOwn()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "RUB", 150m));
        var english = await _bot.LinkAsync(Owner, shop.Id);
        var russian = await _bot.LinkAsync(2002, shop.Id, Role.Manager, "ru");

        Assert.Contains(english.Buttons, b => b.Text == "Balance");
        Assert.Contains(russian.Buttons, b => b.Text == "Баланс");
        var balance = await _bot.PressAsync(russian, "Баланс", "ru");
        Assert.Contains("0,00 ₽", balance.PlainText, StringComparison.Ordinal);
        Assert.Contains("start", _emulator.Commands["ru"].Select(c => c.Command));
        Assert.Contains("Главное меню", _emulator.Commands["ru"].Select(c => c.Description));
        Assert.Contains("Main menu", _emulator.Commands["en"].Select(c => c.Description));
    }

    [Fact]
    public async Task Cancel_FromATopUp_BackToTheMenu()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await _bot.LinkAsync(Owner, shop.Id);
        await _bot.PressAsync(menu, "Top up");

        var after = await _bot.SayAsync(Owner, "/cancel");

        Assert.StartsWith("Cancelled.", after.PlainText, StringComparison.Ordinal);
        Assert.Contains(after.Buttons, b => b.Text == "Top up");
        Assert.Empty(_bot.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task Link_WrongCode_ClearMessage()
    {
        var reply = await _bot.SayAsync(Owner, "/start NOT-A-CODE");

        Assert.Contains("invitation", reply.PlainText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Handler_SendFails_UserGetsAnApologyAndTheLoopGoesOn()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await _bot.LinkAsync(Owner, shop.Id);

        _emulator.FailNext("sendMessage", 400, description: "Bad Request: something unexpected");
        var apology = await _bot.SayAsync(Owner, "hello");
        var next = await _bot.SayAsync(Owner, "/menu");

        Assert.Contains("Sorry, something went wrong", apology.PlainText, StringComparison.Ordinal);
        Assert.Contains(next.Buttons, b => b.Text == "Balance");
    }

    [Fact]
    public async Task Logs_AfterAConversationAndAFailedPoll_NeverHoldTheToken()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var menu = await _bot.LinkAsync(Owner, shop.Id);
        _emulator.FailNext("getUpdates", 502, description: "Bad Gateway");
        await _bot.PressAsync(menu, "Balance");

        Assert.NotEmpty(_bot.Logs.Lines);
        Assert.DoesNotContain(_bot.Logs.Lines, l => l.Contains(_emulator.Token, StringComparison.Ordinal) || l.Contains(_emulator.Token.Split(':')[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Blocked_ThenWritesAgain_UnreachableThenReachable()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await _bot.LinkAsync(Owner, shop.Id);

        _emulator.BlockBot(Owner);
        await WaitUntilAsync(() => Session(Owner)?.Unreachable == true);
        await _bot.SayAsync(Owner, "/menu");

        Assert.False(Session(Owner)!.Unreachable);
    }

    private Chat.ChatSession? Session(long chat) =>
        _bot.Billing.Store.Read(() => _bot.Billing.Store.Collection<Chat.ChatSession>("chats").FindById(chat));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
