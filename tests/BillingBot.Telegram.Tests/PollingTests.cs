using BillingBot.Billing.Accounts;
using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>How updates are received: order within a chat, Telegram's limits, long texts.</summary>
public sealed class PollingTests : BotTest
{

    [Fact]
    public async Task Updates_ManyChatsAtOnce_EachChatAnsweredInOrder()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        long[] chats = [11, 12, 13, 14];
        foreach (var chat in chats)
        {
            await Bot.LinkAsync(chat, shop.Id);
        }

        using (Emulator.HoldUpdates())
        {
            foreach (var chat in chats)
            {
                Emulator.SendText(chat, "/menu", chat);
                Emulator.SendText(chat, "typed", chat);
                Emulator.SendText(chat, "/cancel", chat);
            }
        }

        await Emulator.WaitForConfirmedAsync(Emulator.LastUpdateId);
        foreach (var chat in chats)
        {
            // Confirmed once acted on and stored; the replies may still be on their way.
            for (var reply = 0; reply < 3; reply++)
            {
                await Emulator.WaitForMessageAsync(chat);
            }

            var replies = Emulator.Messages(chat).TakeLast(3).Select(m => m.PlainText.Split('\n')[0]).ToList();
            Assert.Equal(["Flower shop", "Please use the buttons below, or /cancel to start over.", "Flower shop"], replies);
        }
    }

    [Fact]
    public async Task Send_TooManyRequests_WaitedOutAndDeliveredOnce()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        await Bot.LinkAsync(21, shop.Id);
        var before = Emulator.Messages(21).Count;

        Emulator.FailNext("sendMessage", 429, retryAfter: 1);
        var reply = await Bot.SayAsync(21, "/menu");

        Assert.Contains(reply.Buttons, b => b.Text == "Balance");
        Assert.Equal(before + 1, Emulator.Messages(21).Count);
    }

    [Fact]
    public async Task History_VeryLongNotes_ScreenCutUnderTelegramsLimit()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        for (var day = 1; day <= 20; day++)
        {
            Bot.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, day), 1m, note: new string('x', 400));
        }

        var menu = await Bot.LinkAsync(31, shop.Id);
        var history = await Bot.PressAsync(menu, "History");

        Assert.True(history.Text.Length <= 4096, $"{history.Text.Length} characters");
        Assert.Contains(history.Buttons, b => b.Text == "Menu");
    }

    [Fact]
    public async Task Start_SetMyCommandsFails_LoggedAndTheBotAnswers()
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        emulator.FailNext("setMyCommands", 500, description: "Internal Server Error", times: 3);
        await using var bot = await BotHost.StartAsync(emulator, Path.Combine(Folder, "other.db"));

        var reply = await bot.SayAsync(41, "/start");

        Assert.Contains("not linked", reply.PlainText, StringComparison.Ordinal);
        Assert.Contains(bot.Logs.Lines, l => l.Contains("Registering the bot's commands failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_AfterHandlingUpdates_NothingHandledTwice()
    {
        var shop = Bot.Billing.Accounts.Create(new BillingBot.Billing.Accounts.NewAccount("Flower shop", "USD", 3.33m));
        var menu = await Bot.LinkAsync(51, shop.Id);
        var confirm = await Bot.PressAsync(await Bot.PressAsync(menu, "Top up"), "10 days — $33.30");
        await Bot.PressAsync(confirm, "Confirm");
        var sent = Emulator.Messages(51).Sum(m => m.EditCount + 1);

        await RestartAsync();
        await Bot.SayAsync(51, "/menu");

        Assert.Single(Bot.Billing.Invoices.List(shop.Id));
        Assert.Equal(sent + 1, Emulator.Messages(51).Sum(m => m.EditCount + 1));
    }
}
