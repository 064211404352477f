using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace BillingBot.Notifications;

/// <summary>Sends notifications with a client that does not retry by itself: the sender waits out a 429 exactly.</summary>
internal sealed class TelegramChannel(ITelegramBotClient bot) : INotificationChannel
{
    public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        bot.SendMessage(
            message.ChatId,
            message.Text,
            ParseMode.Html,
            // Two buttons a row: a digest of several accounts has a Top up for each.
            replyMarkup: message.Buttons.Count == 0 ? null : Telegram.TelegramOutput.Keyboard(message.Buttons.Chunk(2)),
            cancellationToken: cancellationToken);
}
