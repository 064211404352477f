using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Dialogs;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace BillingBot.Telegram;

/// <summary>Introduces the bot to Telegram at start: who it is, and its commands in each language.</summary>
internal static class BotCommands
{
    /// <summary>Registers the commands; returns the bot's username, or null when Telegram could not be asked (the bot works without).</summary>
    public static async Task<string?> RegisterAsync(ITelegramBotClient bot, ChatEngine engine, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var me = await bot.GetMe(cancellationToken);
            engine.BotUsername = me.Username;
            if (me.Username is { } username)
            {
                Remember(engine.Store, username);
            }
            foreach (var language in new[] { "en", "ru" })
            {
                var t = engine.TextFor(language);
                BotCommand[] commands =
                [
                    new("menu", t["command.menu"]), new("balance", t["command.balance"]), new("topup", t["command.topup"]),
                    new("cancel", t["command.cancel"]), new("help", t["command.help"]), new("start", t["command.start"]),
                ];
                await bot.SetMyCommands(commands, languageCode: language, cancellationToken: cancellationToken);
                if (language == "en")
                {
                    await bot.SetMyCommands(commands, cancellationToken: cancellationToken);
                }
            }

            return me.Username;
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.CommandsFailed(logger, e);
            return null;
        }
    }

    /// <summary>For the command line's invitation links; a store that takes no writes now is told at the next start.</summary>
    private static void Remember(BillingStore store, string username)
    {
        try
        {
            new BotIdentity(store).Remember(username);
        }
        catch (StoreUnavailableException)
        {
            // Told by the store once; the links wait for the next start.
        }
    }
}
