using Microsoft.Extensions.Logging;

namespace BillingBot.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "No Telegram bot is configured yet: this version has the ledger and the operator command line only")]
    public static partial void NoBotYet(ILogger logger);
}
