using Microsoft.Extensions.Logging;

namespace BillingBot.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "No Telegram token is configured: starting the local console chat on demo data")]
    public static partial void ConsoleChat(ILogger logger);
}
