using Microsoft.Extensions.Logging;

namespace BillingBot.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "No Telegram token is configured: starting the local console chat on demo data")]
    public static partial void ConsoleChat(ILogger logger);

    [LoggerMessage(2, LogLevel.Critical, "The store cannot take writes; payments are answered 503 until it can")]
    public static partial void StoreFailed(ILogger logger, Exception error);

    [LoggerMessage(3, LogLevel.Warning, "The store takes writes again")]
    public static partial void StoreRecovered(ILogger logger);

    [LoggerMessage(17, LogLevel.Critical, "The store holds damaged data; it takes no writes (payments are answered 503) until it is restored from a backup and the bot restarted")]
    public static partial void StoreDamaged(ILogger logger, Exception error);
}
