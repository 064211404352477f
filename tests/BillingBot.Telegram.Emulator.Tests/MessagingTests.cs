using System.Text;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace BillingBot.Telegram.Emulator.Tests;

public sealed class MessagingTests : EmulatorTest
{
    private static readonly InlineKeyboardMarkup Menu = new(
    [
        [InlineKeyboardButton.WithCallbackData("Balance", "balance"), InlineKeyboardButton.WithCallbackData("Top up", "topup")],
        [InlineKeyboardButton.WithUrl("Pay", "https://pay.example/inv/1")],
    ]);

    [Fact]
    public async Task SendMessage_WithInlineKeyboard_ThenEditMessageText_MessagesShowTheEditedState()
    {
        var sent = await Bot.SendMessage(ChatId, "<b>Menu</b>", ParseMode.Html, replyMarkup: Menu, linkPreviewOptions: LinkPreviewOptions.Disabled);

        var before = Assert.Single(Emulator.Messages(ChatId));
        Assert.Equal(sent.Id, before.Id);
        Assert.Equal("<b>Menu</b>", before.Text);
        Assert.Equal("Menu", before.PlainText);
        Assert.Equal(ParseMode.Html, before.ParseMode);
        Assert.True(before.LinkPreviewDisabled);
        Assert.Equal(
            [new InlineButton("Balance", "balance", null), new InlineButton("Top up", "topup", null)],
            before.Keyboard[0]);
        Assert.Equal(new InlineButton("Pay", null, "https://pay.example/inv/1"), before.Keyboard[1].Single());
        Assert.Equal("Menu", sent.Text);
        Assert.Equal("topup", sent.ReplyMarkup?.InlineKeyboard.First().Last().CallbackData);

        var edited = await Bot.EditMessageText(
            ChatId, sent.Id, "Balance: 100", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Back", "menu")));

        var after = Assert.Single(Emulator.Messages(ChatId));
        Assert.Equal("Balance: 100", after.Text);
        Assert.Equal(ParseMode.None, after.ParseMode);
        Assert.Equal(1, after.EditCount);
        Assert.Equal("menu", after.Button("Back").CallbackData);
        Assert.Equal("Balance: 100", edited.Text);
        Assert.NotNull(edited.EditDate);
    }

    [Fact]
    public async Task EditMessageText_WithoutReplyMarkup_RemovesTheKeyboardLikeTelegram()
    {
        var sent = await Bot.SendMessage(ChatId, "Menu", replyMarkup: Menu);

        await Bot.EditMessageText(ChatId, sent.Id, "Done");

        Assert.Empty(Assert.Single(Emulator.Messages(ChatId)).Keyboard);
    }

    [Fact]
    public async Task EditMessageReplyMarkup_NewKeyboard_KeepsTextAndChangesButtons()
    {
        var sent = await Bot.SendMessage(ChatId, "Menu", replyMarkup: Menu);

        await Bot.EditMessageReplyMarkup(ChatId, sent.Id, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Only", "only")));

        var message = Assert.Single(Emulator.Messages(ChatId));
        Assert.Equal("Menu", message.Text);
        Assert.Equal("only", Assert.Single(message.Buttons).CallbackData);
    }

    [Fact]
    public async Task EditMessageText_SameTextAndMarkup_Fails400NotModified()
    {
        var sent = await Bot.SendMessage(ChatId, "Menu", replyMarkup: Menu);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(ChatId, sent.Id, "Menu", replyMarkup: Menu));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: message is not modified: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditMessageText_UnknownMessage_Fails400NotFound()
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.EditMessageText(ChatId, 999, "text"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message to edit not found", error.Message);
    }

    [Fact]
    public async Task DeleteMessage_BotMessage_DisappearsFromMessages()
    {
        var sent = await Bot.SendMessage(ChatId, "temporary");

        await Bot.DeleteMessage(ChatId, sent.Id);

        Assert.Empty(Emulator.Messages(ChatId));
        await Assert.ThrowsAsync<ApiRequestException>(() => Bot.DeleteMessage(ChatId, sent.Id));
    }

    [Fact]
    public async Task WaitForMessageAsync_ReplyAfterTheUserSpoke_ReturnsItAndThenOnlyNewerOnes()
    {
        await Bot.SendMessage(ChatId, "old menu");
        Emulator.SendText(ChatId, "/balance");
        var wait = Emulator.WaitForMessageAsync(ChatId, m => m.Text.StartsWith("Balance", StringComparison.Ordinal));

        var sent = await Bot.SendMessage(ChatId, "Balance: 5");
        var reply = await wait;

        Assert.Equal(sent.Id, reply.Id);
        await Assert.ThrowsAsync<TimeoutException>(() => Emulator.WaitForMessageAsync(ChatId, timeout: TimeSpan.FromMilliseconds(100)));
        await Bot.EditMessageText(ChatId, sent.Id, "Balance: 6");
        Assert.Equal("Balance: 6", (await Emulator.WaitForMessageAsync(ChatId)).Text);
    }

    [Fact]
    public async Task WaitForMessageAsync_NoReply_ThrowsTimeoutWithTheTranscript()
    {
        await Bot.SendMessage(ChatId, "Hi");
        Emulator.SendText(ChatId, "/start");

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => Emulator.WaitForMessageAsync(ChatId, timeout: TimeSpan.FromMilliseconds(200)));

        Assert.Contains("« #1 \"Hi\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("» User 42: /start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerCallbackQuery_PressedButton_IsRecordedOnce()
    {
        var sent = await Bot.SendMessage(ChatId, "Menu", replyMarkup: Menu);
        var press = Emulator.PressButton(ChatId, sent.Id, "topup");
        Assert.False(Emulator.IsAnswered(press.Id));

        await Bot.AnswerCallbackQuery(press.Id, "Opening…");

        Assert.True(Emulator.IsAnswered(press.Id));
        var answer = await Emulator.WaitForCallbackAnswerAsync(press.Id);
        Assert.Equal("Opening…", answer.Text);
        Assert.False(answer.ShowAlert);
        var again = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.AnswerCallbackQuery(press.Id));
        Assert.Equal(400, again.ErrorCode);
    }

    [Fact]
    public async Task SetMyCommands_PerLanguage_KeptSeparately()
    {
        await Bot.SetMyCommands([new BotCommand("start", "Menu"), new BotCommand("cancel", "Cancel")]);
        await Bot.SetMyCommands([new BotCommand("start", "Меню")], languageCode: "ru");

        Assert.Equal(["start", "cancel"], Emulator.Commands[""].Select(c => c.Command));
        Assert.Equal("Меню", Assert.Single(Emulator.Commands["ru"]).Description);
        Assert.Equal("Меню", Assert.Single(await Bot.GetMyCommands(languageCode: "ru")).Description);
        var invalid = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SetMyCommands([new BotCommand("Balance", "Upper case")]));
        Assert.Equal("Bad Request: BOT_COMMAND_INVALID", invalid.Message);
    }

    [Fact]
    public async Task SendDocument_FromAStream_GoesMultipartAndRecordsNameAndBytes()
    {
        var bytes = Encoding.UTF8.GetBytes("date,amount\n2024-01-01,100\n");
        using var stream = new MemoryStream(bytes);

        var sent = await Bot.SendDocument(ChatId, InputFile.FromStream(stream, "history.csv"), caption: "Your <i>history</i>", parseMode: ParseMode.Html);

        var file = Assert.Single(Emulator.Files(ChatId));
        Assert.Equal("history.csv", file.FileName);
        Assert.Equal(bytes, file.Content.ToArray());
        Assert.Equal(sent.Id, file.MessageId);
        Assert.Equal("history.csv", sent.Document?.FileName);
        Assert.Equal("Your history", sent.Caption);
        var message = Assert.Single(Emulator.Messages(ChatId));
        Assert.Equal(MessageKind.Document, message.Kind);
        Assert.Equal("Your <i>history</i>", message.Text);
        Assert.Equal("multipart/form-data", Emulator.Calls.Single(c => c.Method == "sendDocument").ContentType);
    }

    [Fact]
    public async Task SendPhoto_FromAStream_RecordsThePhoto()
    {
        using var stream = new MemoryStream([1, 2, 3]);

        var sent = await Bot.SendPhoto(ChatId, InputFile.FromStream(stream, "chart.png"));

        var file = Assert.Single(Emulator.Files(ChatId));
        Assert.Equal(MessageKind.Photo, file.Kind);
        Assert.Equal([1, 2, 3], file.Content.ToArray());
        Assert.NotNull(sent.Photo);
    }

    [Fact]
    public async Task SendMessage_IsJsonAndLoggedWithItsParameters()
    {
        await Bot.SendMessage(ChatId, "Hi", replyMarkup: Menu);

        var call = Assert.Single(Emulator.Calls);
        Assert.Equal("sendMessage", call.Method);
        Assert.Equal("application/json", call.ContentType);
        Assert.Equal("Hi", call.Get("text"));
        Assert.Equal(200, call.StatusCode);
    }

    [Theory]
    [InlineData("a <br> b", ParseMode.Html, "Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 2")]
    [InlineData("<b>open", ParseMode.Html, "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"")]
    [InlineData("Total: 1.50", ParseMode.MarkdownV2, "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'")]
    [InlineData("*bold", ParseMode.MarkdownV2, "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0")]
    public async Task SendMessage_MalformedMarkup_Fails400CantParseEntities(string text, ParseMode mode, string expected)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(ChatId, text, mode));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("Tom &amp; Jerry &lt;3 <a href=\"https://x.example/?a=1&b=2\">link</a>", ParseMode.Html, "Tom & Jerry <3 link")]
    [InlineData("*Total:* 1\\.50 \\(RUB\\) [pay](https://x.example/a_b)", ParseMode.MarkdownV2, "Total: 1.50 (RUB) pay")]
    public async Task SendMessage_WellFormedMarkup_StoresPlainText(string text, ParseMode mode, string plain)
    {
        var sent = await Bot.SendMessage(ChatId, text, mode);

        Assert.Equal(plain, sent.Text);
        Assert.Equal(plain, Assert.Single(Emulator.Messages(ChatId)).PlainText);
    }
}
