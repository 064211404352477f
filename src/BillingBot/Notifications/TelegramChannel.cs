using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace BillingBot.Notifications;

/// <summary>Sends notifications with a client that does not retry by itself: the sender waits out a 429 exactly.</summary>
internal sealed class TelegramChannel(ITelegramBotClient bot) : INotificationChannel
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        bot.SendMessage(
            message.ChatId,
            message.Text,
            ParseMode.Html,
            replyMarkup: message.Buttons.Count == 0 ? null : new InlineKeyboardMarkup(message.Buttons.Select(b => b.Url is { } url ? InlineKeyboardButton.WithUrl(b.Text, url) : InlineKeyboardButton.WithCallbackData(b.Text, b.Data ?? ""))),
            cancellationToken: cancellationToken);
}
