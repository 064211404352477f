using Microsoft.Extensions.Logging;

namespace BillingBot.Telegram;

internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Telegram bot @{Username} is polling for updates")]
    public static partial void Polling(ILogger logger, string? username);

    [LoggerMessage(101, LogLevel.Warning, "Telegram is not reachable, retrying in {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(102, LogLevel.Error, "Handling update {UpdateId} of chat {ChatId} failed")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, long updateId, long chatId);

    [LoggerMessage(103, LogLevel.Warning, "Registering the bot's commands failed; the bot works without them")]
    public static partial void CommandsFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Chat {ChatId} blocked the bot; nothing is sent to it until it writes again")]
    public static partial void Blocked(ILogger logger, long chatId);

    [LoggerMessage(105, LogLevel.Warning, "Telegram asks to slow down: waiting {Delay}")]
    public static partial void RateLimited(ILogger logger, TimeSpan delay);

    [LoggerMessage(106, LogLevel.Warning, "Setting or removing Telegram's webhook failed")]
    public static partial void WebhookFailed(ILogger logger, Exception exception);

    [LoggerMessage(107, LogLevel.Information, "Telegram bot @{Username} receives updates through its webhook")]
    public static partial void Webhook(ILogger logger, string? username);

    [LoggerMessage(108, LogLevel.Warning, "Telegram webhook refused a request from {Remote}: wrong secret token")]
    public static partial void WebhookRefused(ILogger logger, string? remote);

    [LoggerMessage(109, LogLevel.Error, "A Telegram payment (update {UpdateId}) could not be recorded: the store takes no writes; Telegram is asked for it again in {Delay}")]
    public static partial void PaymentHeld(ILogger logger, int updateId, TimeSpan delay);

    [LoggerMessage(110, LogLevel.Warning, "Telegram webhook refused a request from {Remote}: its body is over {Limit} bytes")]
    public static partial void WebhookTooLarge(ILogger logger, string? remote, long limit);
}
