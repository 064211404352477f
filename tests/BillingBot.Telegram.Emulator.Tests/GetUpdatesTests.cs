using System.Diagnostics;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace BillingBot.Telegram.Emulator.Tests;

public sealed class GetUpdatesTests : EmulatorTest
{
    [Fact]
    public async Task GetMe_ReturnsTheBotUserOfTheToken()
    {
        var me = await Bot.GetMe();

        Assert.Equal(123456, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal(Emulator.Bot.Username, me.Username);
    }

    [Fact]
    public async Task GetUpdates_TextThenButtonPress_ArriveInOrderWithConsecutiveIds()
    {
        Emulator.SendText(ChatId, "/start", languageCode: "ru", firstName: "Anna");
        var menu = await Bot.SendMessage(ChatId, "Menu", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Balance", "balance")));
        var press = Emulator.PressButton(ChatId, menu.Id, "balance");

        var updates = await Bot.GetUpdates();

        Assert.Equal(2, updates.Length);
        Assert.Equal(updates[0].Id + 1, updates[1].Id);
        var text = Assert.IsType<Message>(updates[0].Message);
        Assert.Equal("/start", text.Text);
        Assert.Equal(ChatType.Private, text.Chat.Type);
        Assert.Equal(ChatId, text.From?.Id);
        Assert.Equal("ru", text.From?.LanguageCode);
        Assert.Equal("Anna", text.From?.FirstName);
        Assert.Equal(MessageEntityType.BotCommand, Assert.Single(text.Entities ?? []).Type);
        var callback = Assert.IsType<CallbackQuery>(updates[1].CallbackQuery);
        Assert.Equal(press.Id, callback.Id);
        Assert.Equal("balance", callback.Data);
        Assert.Equal(menu.Id, callback.Message?.Id);
        Assert.Equal(text.Id + 1, menu.Id);
        Assert.Equal("Balance", callback.Message?.ReplyMarkup?.InlineKeyboard.Single().Single().Text);
    }

    [Fact]
    public async Task SendText_GroupChat_ComesFromTheGivenMemberInAGroup()
    {
        Assert.Throws<ArgumentException>(() => Emulator.SendText(-100, "hi"));

        Emulator.SendText(-100, "hi", userId: 7);

        var message = Assert.Single(await Bot.GetUpdates()).Message;
        Assert.Equal(ChatType.Group, message?.Chat.Type);
        Assert.Equal(7, message?.From?.Id);
    }

    [Fact]
    public async Task PressButton_MessageTheBotNeverSent_IsStillDeliveredSoForgeriesCanBeTested()
    {
        var press = Emulator.PressButton(ChatId, 999, "account:someone-else");

        var callback = Assert.Single(await Bot.GetUpdates()).CallbackQuery;

        Assert.Equal(press.Id, callback?.Id);
        Assert.Equal(999, callback?.Message?.Id);
        Assert.Equal("account:someone-else", callback?.Data);
    }

    [Fact]
    public async Task GetUpdates_Offset_ConfirmsAndDropsEarlierUpdates()
    {
        Emulator.SendText(ChatId, "one");
        Emulator.SendText(ChatId, "two");
        Emulator.SendText(ChatId, "three");
        var all = await Bot.GetUpdates();

        var fromSecond = await Bot.GetUpdates(offset: all[1].Id, limit: 1);

        Assert.Equal("two", Assert.Single(fromSecond).Message?.Text);
        Assert.Equal(all[1].Id, Emulator.ConfirmedOffset);
        Assert.Equal(2, Emulator.PendingUpdateCount);

        Assert.Empty(await Bot.GetUpdates(offset: all[2].Id + 1));
        Assert.Equal(0, Emulator.PendingUpdateCount);
        await Emulator.WaitForConfirmedAsync(Emulator.LastUpdateId, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task GetUpdates_LongPoll_ReturnsAsSoonAsAnUpdateArrives()
    {
        var clock = Stopwatch.StartNew();
        var poll = Bot.GetUpdates(timeout: 10);
        await Task.Delay(200);
        Assert.False(poll.IsCompleted);

        Emulator.SendText(ChatId, "hello");
        var updates = await poll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("hello", Assert.Single(updates).Message?.Text);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task GetUpdates_LongPollWithNothingQueued_ReturnsEmptyAfterTheTimeout()
    {
        var clock = Stopwatch.StartNew();

        var updates = await Bot.GetUpdates(timeout: 1);

        Assert.Empty(updates);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task GetUpdates_SecondPollerStarts_FirstGets409Conflict()
    {
        var first = Bot.GetUpdates(timeout: 10);
        await Task.Delay(200);

        var second = Bot.GetUpdates(timeout: 1);

        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => first.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Empty(await second);
    }

    [Fact]
    public async Task HoldUpdates_Released_DeliversEverythingQueuedAtOnce()
    {
        var hold = Emulator.HoldUpdates();
        Emulator.SendText(ChatId, "a");
        Emulator.SendText(ChatId + 1, "b");
        Assert.Empty(await Bot.GetUpdates());

        hold.Dispose();

        Assert.Equal(2, (await Bot.GetUpdates()).Length);
    }

    [Fact]
    public async Task DeleteWebhook_DropPendingUpdates_DropsThemAsTelegramDoes()
    {
        Emulator.SendText(ChatId, "paid while the bot was down");

        await Bot.DeleteWebhook(dropPendingUpdates: true);

        Assert.Equal(0, Emulator.PendingUpdateCount);
        Assert.Empty(await Bot.GetUpdates());
    }

    [Fact]
    public async Task DisposeAsync_DuringALongPoll_EndsThePollAtOnce()
    {
        var emulator = await BotApiEmulator.StartAsync();
        using var http = new HttpClient();
        var bot = new TelegramBotClient(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl.ToString()), http);
        var poll = bot.GetUpdates(timeout: 30);
        await Task.Delay(200);
        var clock = Stopwatch.StartNew();

        await emulator.DisposeAsync();
        var outcome = await Record.ExceptionAsync(() => poll.WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.True(outcome is null or RequestException, $"poll ended with {outcome}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }
}
