using BillingBot.Chat;
using BillingBot.Documents;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace BillingBot.Telegram;

/// <summary>Shows chat screens as Telegram messages: the menu message is edited in place, HTML parse mode.</summary>
internal sealed class TelegramOutput(ITelegramBotClient bot) : IChatOutput
{
    public const int MaxTextLength = 4096;
    public const int MaxCaptionLength = 1024;

    public async Task<int> ShowAsync(long chatId, Screen screen, int? editMessageId, CancellationToken cancellationToken)
    {
        var text = Fit(screen.Text);
        var markup = Keyboard(screen.Buttons);
        if (editMessageId is { } messageId)
        {
            try
            {
                await bot.EditMessageText(chatId, messageId, text, ParseMode.Html, markup, cancellationToken: cancellationToken);
                return messageId;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase))
            {
                return messageId;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400)
            {
                // The message is gone or too old to edit: show the screen as a new message instead.
            }
        }

        var sent = await bot.SendMessage(chatId, text, ParseMode.Html, replyMarkup: markup, cancellationToken: cancellationToken);
        return sent.MessageId;
    }

    /// <summary>Buttons row by row as Telegram's inline keyboard, their labels plain text.</summary>
    public static InlineKeyboardMarkup Keyboard(IEnumerable<IEnumerable<Button>> rows) =>
        new(rows.Select(row => row.Select(b => b.Url is { } url
            ? InlineKeyboardButton.WithUrl(ChatText.Plain(b.Text), url)
            : InlineKeyboardButton.WithCallbackData(ChatText.Plain(b.Text), b.Data ?? ""))));

    public Task AnswerAsync(string callbackId, string? note, CancellationToken cancellationToken) =>
        bot.AnswerCallbackQuery(callbackId, note is null ? null : Fit(ChatText.Plain(note), 200), cancellationToken: cancellationToken);

    /// <summary>A PNG goes as a photo, shown in the chat; anything else as a document to save.</summary>
    public async Task SendFileAsync(long chatId, Attachment attachment, CancellationToken cancellationToken)
    {
        var (file, caption) = (attachment.File, Fit(attachment.Caption, MaxCaptionLength));
        await using var content = new MemoryStream(file.Content, writable: false);
        var upload = InputFile.FromStream(content, file.FileName);
        if (file.ContentType == DocumentService.Png)
        {
            await bot.SendPhoto(chatId, upload, caption, ParseMode.Html, cancellationToken: cancellationToken);
        }
        else
        {
            await bot.SendDocument(chatId, upload, caption, ParseMode.Html, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Telegram refuses longer texts; the tail of a long screen is cut on a line break.</summary>
    private static string Fit(string text, int max = MaxTextLength)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf('\n', max - 2);
        return text[..(cut > 0 ? cut : max - 1)] + "…";
    }
}
