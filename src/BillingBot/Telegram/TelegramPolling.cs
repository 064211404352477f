using BillingBot.Dialogs;
using BillingBot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace BillingBot.Telegram;

/// <summary>
/// Long-polls Telegram and hands updates to the chat engine: one chat's updates strictly in order, different chats at once.
/// The offset moves past a batch only after every update in it was handled, and pending updates are never dropped
/// (they may carry payments).
/// </summary>
internal sealed class TelegramPolling(ITelegramBotClient bot, UpdateHandler handler, ChatEngine engine, ChatLiveness liveness, IOptions<TelegramOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<TelegramPolling> logger) : BackgroundService
{
    /// <summary>How long polling waits before asking again for a batch holding a payment the store could not take.</summary>
    public static readonly TimeSpan HeldPaymentRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        engine.ForgetHandledUpdates(TimeSpan.FromDays(7));
        Log.Polling(logger, await BotCommands.RegisterAsync(bot, engine, logger, stoppingToken));
        try
        {
            // getUpdates is refused while a webhook is set; its pending updates are kept (they may carry payments).
            await bot.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
            liveness.Contact();
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.WebhookFailed(logger, e);
        }

        var offset = 0;
        var failures = 0;
        Task? sending = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, 100, options.Value.PollTimeoutSeconds, UpdateHandler.Wanted, stoppingToken);
                failures = 0;
                liveness.Contact();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiRequestException e) when (e.Parameters?.RetryAfter is { } retryAfter)
            {
                Log.RateLimited(logger, TimeSpan.FromSeconds(retryAfter));
                await Task.Delay(TimeSpan.FromSeconds(retryAfter), time, stoppingToken);
                continue;
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures++)));
                Log.PollFailed(logger, e, delay);
                liveness.Problem("Telegram is not reachable: " + e.GetType().Name);
                await Task.Delay(delay, time, stoppingToken);
                continue;
            }

            if (updates.Length == 0)
            {
                // Quiet: the screens shown lately need not wait for their chats' next updates to be stored.
                engine.StoreShown();
            }

            // Once a batch is acted on and stored, the next is fetched while its replies go out; one batch's replies at
            // most are in flight behind the one being decided.
            var batch = handler.StartBatch(updates, stoppingToken);
            try
            {
                await batch.Decided;
                if (updates.Length > 0)
                {
                    offset = updates[^1].Id + 1;
                }

                await (sending ?? Task.CompletedTask);
                sending = batch.Done;
            }
            catch (PaymentNotRecordedException held)
            {
                // The offset stays: Telegram delivers the batch again, and what was handled of it is skipped then.
                Log.PaymentHeld(logger, held.UpdateId, HeldPaymentRetry);
                liveness.Problem("a payment could not be recorded: the store takes no writes");
                await Quietly(sending);
                await Quietly(batch.Done);
                sending = null;
                await Task.Delay(HeldPaymentRetry, time, stoppingToken);
            }
        }

        await (sending ?? Task.CompletedTask);
    }

    /// <summary>Waits for the rest of a batch that held a payment back; its failure is that payment's, already told.</summary>
    private static async Task Quietly(Task? work)
    {
        try
        {
            await (work ?? Task.CompletedTask);
        }
        catch (PaymentNotRecordedException)
        {
            // Delivered again with its batch.
        }
    }

}
