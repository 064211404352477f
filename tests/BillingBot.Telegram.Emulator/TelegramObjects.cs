using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.Payments;

namespace BillingBot.Telegram.Emulator;

/// <summary>Builds the Telegram.Bot objects the emulator hands to the bot from its own state.</summary>
internal static class TelegramObjects
{
    public static Chat ChatOf(ChatState chat) => chat.Id > 0
        ? new Chat { Id = chat.Id, Type = ChatType.Private, FirstName = chat.LastUser?.FirstName ?? $"User {chat.Id}" }
        : new Chat { Id = chat.Id, Type = ChatType.Group, Title = $"Group {chat.Id}" };

    /// <summary>The message as the Bot API returns it: plain text, entities left out, inline keyboard as sent.</summary>
    public static Message MessageOf(ChatState chat, BotMessage message, User bot, DateTime now)
    {
        var state = message.State;
        var result = new Message
        {
            Id = state.Id,
            Date = state.Date.UtcDateTime,
            Chat = ChatOf(chat),
            From = bot,
            ReplyMarkup = message.Markup.Inline,
            EditDate = state.EditCount > 0 ? now : null,
        };
        var caption = state.PlainText.Length > 0 ? state.PlainText : null;
        switch (state.Kind)
        {
            case MessageKind.Text:
                result.Text = state.PlainText;
                break;
            case MessageKind.Document when state.File is { } file:
                result.Document = new Document
                {
                    FileId = file.FileId,
                    FileUniqueId = "u" + file.FileId,
                    FileName = file.FileName,
                    MimeType = file.ContentType,
                    FileSize = file.Content.Length,
                };
                result.Caption = caption;
                break;
            case MessageKind.Photo when state.File is { } file:
                result.Photo = [new PhotoSize { FileId = file.FileId, FileUniqueId = "u" + file.FileId, Width = 800, Height = 600, FileSize = file.Content.Length }];
                result.Caption = caption;
                break;
            case MessageKind.Invoice when state.Invoice is { } invoice:
                result.Invoice = new Invoice
                {
                    Title = invoice.Title,
                    Description = invoice.Description,
                    StartParameter = "",
                    Currency = invoice.Currency,
                    TotalAmount = invoice.TotalAmount,
                };
                break;
        }

        return result;
    }
}
