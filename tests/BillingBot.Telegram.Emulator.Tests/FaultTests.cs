using System.Diagnostics;
using System.Net;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace BillingBot.Telegram.Emulator.Tests;

public sealed class FaultTests : EmulatorTest
{
    [Fact]
    public async Task FailNext_429_SurfacesAsApiRequestExceptionWithRetryAfter()
    {
        Emulator.FailNext("sendMessage", 429, retryAfter: 2);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(ChatId, "Hi"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal("Too Many Requests: retry after 2", error.Message);
        Assert.Equal(2, error.Parameters?.RetryAfter);
        Assert.Empty(Emulator.Messages(ChatId));
        await Bot.SendMessage(ChatId, "Hi");
        Assert.Single(Emulator.Messages(ChatId));
    }

    [Fact]
    public async Task FailNext_429WithDefaultClientOptions_TelegramBotRetriesAfterTheDelayItself()
    {
        var bot = Client(Emulator.Token, retryCount: null);
        Emulator.FailNext("sendMessage", 429, retryAfter: 1);
        var clock = Stopwatch.StartNew();

        await bot.SendMessage(ChatId, "Hi");

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}");
        Assert.Equal([429, 200], Emulator.Calls.Where(c => c.Method == "sendMessage").Select(c => c.StatusCode));
    }

    [Theory]
    [InlineData(400, "Bad Request: emulated failure")]
    [InlineData(403, "Forbidden: bot was blocked by the user")]
    [InlineData(500, "Internal Server Error")]
    public async Task FailNext_OtherStatus_SurfacesWithTelegramsDescription(int status, string description)
    {
        Emulator.FailNext("editMessageText", status, times: 2);

        for (var i = 0; i < 2; i++)
        {
            var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(ChatId, 1, "x"));
            Assert.Equal(status, error.ErrorCode);
            Assert.Equal(description, error.Message);
        }

        var notFound = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(ChatId, 1, "x"));
        Assert.Equal(400, notFound.ErrorCode);
    }

    [Fact]
    public async Task BlockBot_QueuesKickedUpdateAndSendsFail403_UntilUnblocked()
    {
        Emulator.BlockBot(ChatId);

        var update = Assert.Single(await Bot.GetUpdates());
        Assert.Equal(ChatMemberStatus.Kicked, update.MyChatMember?.NewChatMember.Status);
        Assert.Equal(Emulator.Bot.Id, update.MyChatMember?.NewChatMember.User.Id);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(ChatId, "Your balance is low"));
        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", error.Message);

        Emulator.UnblockBot(ChatId);

        var again = Assert.Single(await Bot.GetUpdates(offset: update.Id + 1));
        Assert.Equal(ChatMemberStatus.Member, again.MyChatMember?.NewChatMember.Status);
        await Bot.SendMessage(ChatId, "Welcome back");
    }

    [Fact]
    public async Task UpgradeToSupergroup_PostsInBothAndSendsToTheOldIdFail400WithTheNewId()
    {
        Emulator.UpgradeToSupergroup(-100, -1_001_000_000_100, userId: 7);

        var updates = await Bot.GetUpdates();
        Assert.Equal([(-100L, (long?)-1_001_000_000_100, (long?)null), (-1_001_000_000_100L, null, -100L)], updates.Select(u => (u.Message!.Chat.Id, u.Message.MigrateToChatId, u.Message.MigrateFromChatId)));
        Assert.Equal(ChatType.Supergroup, updates[1].Message!.Chat.Type);
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(-100, "Your balance is low"));
        Assert.Equal(400, error.ErrorCode);
        Assert.Equal(-1_001_000_000_100, error.Parameters?.MigrateToChatId);
        await Bot.SendMessage(-1_001_000_000_100, "Your balance is low");
    }

    [Fact]
    public async Task SendText_AfterBlocking_UnblocksFirstAsTelegramDoes()
    {
        Emulator.BlockBot(ChatId);

        Emulator.SendText(ChatId, "/start");

        var updates = await Bot.GetUpdates();
        Assert.Equal([UpdateType.MyChatMember, UpdateType.MyChatMember, UpdateType.Message], updates.Select(u => u.Type));
        await Bot.SendMessage(ChatId, "Hello again");
    }

    [Fact]
    public async Task WrongToken_Fails401Unauthorized()
    {
        var stranger = Client("999:WRONG-TOKEN");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.Equal("Unauthorized", error.Message);
    }

    [Fact]
    public async Task RawHttp_UnknownMethodAnd429_AnswerExactlyLikeTelegram()
    {
        using var http = new HttpClient();
        Emulator.FailNext("getMe", 429, retryAfter: 2);

        using var unknown = await http.PostAsync(new Uri(Emulator.BaseUrl, $"/bot{Emulator.Token}/sendTelepathy"), null);
        using var limited = await http.GetAsync(new Uri(Emulator.BaseUrl, $"/bot{Emulator.Token}/getMe"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("{\"ok\":false,\"error_code\":404,\"description\":\"Not Found: method not found\"}", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(
            "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 2\",\"parameters\":{\"retry_after\":2}}",
            await limited.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RawHttp_FormEncodedParameters_AreReadLikeJson()
    {
        using var http = new HttpClient();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat_id"] = "42",
            ["text"] = "from a form",
            ["reply_markup"] = "{\"inline_keyboard\":[[{\"text\":\"Ok\",\"callback_data\":\"ok\"}]]}",
        });

        using var response = await http.PostAsync(new Uri(Emulator.BaseUrl, $"/bot{Emulator.Token}/sendMessage"), form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = Assert.Single(Emulator.Messages(ChatId));
        Assert.Equal("from a form", message.Text);
        Assert.Equal("ok", message.Button("Ok").CallbackData);
    }
}
