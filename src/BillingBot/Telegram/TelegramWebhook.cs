using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BillingBot.Dialogs;
using BillingBot.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace BillingBot.Telegram;

/// <summary>
/// Webhook mode: at start the bot asks Telegram to post updates to <c>Telegram:WebhookUrl</c> with the secret token;
/// <c>POST /telegram/webhook</c> takes them only with that token and hands them to the same ordered pipeline as polling.
/// The answer waits for the update to be handled, so Telegram delivers again what a crash interrupted.
/// </summary>
internal sealed class TelegramWebhook(ITelegramBotClient bot, UpdateHandler handler, ChatEngine engine, ChatLiveness liveness, IOptions<TelegramOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<TelegramWebhook> logger) : BackgroundService
{
    public const string Path = "/telegram/webhook";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    /// <summary>Far above any update Telegram sends (a message is at most 4,096 characters); a larger body is refused.</summary>
    public const long MaxUpdateBytes = 1024 * 1024;

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var expected = Encoding.UTF8.GetBytes(options.Value.WebhookSecret);
        var given = Encoding.UTF8.GetBytes(http.Request.Headers[SecretHeader].ToString());
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            Log.WebhookRefused(logger, http.Connection.RemoteIpAddress?.ToString());
            return Results.Unauthorized();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxUpdateBytes;
        }

        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A refused request, not a failure of the bot's.
            Log.WebhookTooLarge(logger, http.Connection.RemoteIpAddress?.ToString(), MaxUpdateBytes);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (update is null)
        {
            return Results.BadRequest();
        }

        liveness.Contact();
        try
        {
            await handler.HandleInOrderAsync(update, http.RequestAborted);
        }
        catch (PaymentNotRecordedException)
        {
            // Not confirmed: Telegram delivers a payment it has charged again until it is answered 200.
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Ok();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        engine.ForgetHandledUpdates(TimeSpan.FromDays(7));
        Log.Webhook(logger, await BotCommands.RegisterAsync(bot, engine, logger, stoppingToken));
        for (var attempt = 0; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                // Pending updates are kept: they may carry payments.
                await bot.SetWebhook(options.Value.WebhookUrl, allowedUpdates: UpdateHandler.Wanted, secretToken: options.Value.WebhookSecret, dropPendingUpdates: false, cancellationToken: stoppingToken);
                liveness.Contact();
                return;
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
            {
                Log.WebhookFailed(logger, e);
                liveness.Problem("Telegram's webhook could not be set: " + e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, attempt))), time, stoppingToken);
            }
        }
    }
}
