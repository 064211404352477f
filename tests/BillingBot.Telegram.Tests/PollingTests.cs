using BillingBot.Billing.Accounts;
using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>How updates are received: order within a chat, Telegram's limits, long texts.</summary>
public sealed class PollingTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-e2e", Guid.NewGuid().ToString("N"));
    private BotApiEmulator _emulator = null!;
    private BotHost _bot = null!;

    public async Task InitializeAsync()
    {
        _emulator = await BotApiEmulator.StartAsync();
        _bot = await BotHost.StartAsync(_emulator, Path.Combine(_folder, "billing.db"));
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
    public async Task Updates_ManyChatsAtOnce_EachChatAnsweredInOrder()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        long[] chats = [11, 12, 13, 14];
        foreach (var chat in chats)
        {
            await _bot.LinkAsync(chat, shop.Id);
        }

        using (_emulator.HoldUpdates())
        {
            foreach (var chat in chats)
            {
                _emulator.SendText(chat, "/menu", chat);
                _emulator.SendText(chat, "typed", chat);
                _emulator.SendText(chat, "/cancel", chat);
            }
        }

        foreach (var chat in chats)
        {
            await _emulator.WaitForConfirmedAsync(_emulator.LastUpdateId);
            var replies = _emulator.Messages(chat).TakeLast(3).Select(m => m.PlainText.Split('\n')[0]).ToList();
            Assert.Equal(["Flower shop", "Please use the buttons below, or /cancel to start over.", "Flower shop"], replies);
        }
    }

    [Fact]
    public async Task Send_TooManyRequests_WaitedOutAndDeliveredOnce()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await _bot.LinkAsync(21, shop.Id);
        var before = _emulator.Messages(21).Count;

        _emulator.FailNext("sendMessage", 429, retryAfter: 1);
        var reply = await _bot.SayAsync(21, "/menu");

        Assert.Contains(reply.Buttons, b => b.Text == "Balance");
        Assert.Equal(before + 1, _emulator.Messages(21).Count);
    }

    [Fact]
    public async Task History_VeryLongNotes_ScreenCutUnderTelegramsLimit()
    {
        var shop = _bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        for (var day = 1; day <= 20; day++)
        {
            _bot.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, day), 1m, note: new string('x', 400));
        }

        var menu = await _bot.LinkAsync(31, shop.Id);
        var history = await _bot.PressAsync(menu, "History");

        Assert.True(history.Text.Length <= 4096, $"{history.Text.Length} characters");
        Assert.Contains(history.Buttons, b => b.Text == "Menu");
    }

    [Fact]
    public async Task Start_SetMyCommandsFails_LoggedAndTheBotAnswers()
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        emulator.FailNext("setMyCommands", 500, description: "Internal Server Error", times: 3);
        await using var bot = await BotHost.StartAsync(emulator, Path.Combine(_folder, "other.db"));

        var reply = await bot.SayAsync(41, "/start");

        Assert.Contains("not linked", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Registering the bot's commands failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_AfterHandlingUpdates_NothingHandledTwice()
    {
        var shop = _bot.Billing.Accounts.Create(new BillingBot.Billing.Accounts.NewAccount("Flower shop", "USD", 3.33m));
        var menu = await _bot.LinkAsync(51, shop.Id);
        var confirm = await _bot.PressAsync(await _bot.PressAsync(menu, "Top up"), "10 days — $33.30");
        await _bot.PressAsync(confirm, "Confirm");
        var sent = _emulator.Messages(51).Sum(m => m.EditCount + 1);

        await _bot.DisposeAsync();
        _bot = await BotHost.StartAsync(_emulator, Path.Combine(_folder, "billing.db"));
        await _bot.SayAsync(51, "/menu");

        Assert.Single(_bot.Billing.Invoices.List(shop.Id));
        Assert.Equal(sent + 1, _emulator.Messages(51).Sum(m => m.EditCount + 1));
    }
}
