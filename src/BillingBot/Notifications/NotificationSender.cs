using System.Collections.Concurrent;
using BillingBot.Billing.Storage;
using BillingBot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot.Exceptions;

namespace BillingBot.Notifications;

/// <summary>
/// Delivers outbox messages: turns new events into messages, then sends what is due, chats in turn, within the limits.
/// A message is marked as being sent before it goes and as sent after; one caught in between by a crash is not sent
/// again (no visible duplicate alert or digest), except a payment confirmation, which is (a lost one would be worse).
/// </summary>
internal sealed partial class NotificationSender(Notifier notifier, INotificationChannel channel, TimeProvider time, IOptions<NotificationOptions> options, ILogger<NotificationSender> logger, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    private const int MaxInFlight = 64;
    private const int PerPass = 5_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(250);
    private readonly SendPacer _pacer = new(options.Value, time);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Made by hand (as tests do), with no host to wait for, it begins at once.
        if (lifetime is not null && !await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        notifier.Failed = (e, error) => LogEventFailed(logger, error, e.Id);
        var recovered = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!recovered)
                {
                    Recover();
                    recovered = true;
                }

                notifier.Dispatch();
                if (!await SendDueAsync(stoppingToken))
                {
                    await Task.Delay(Idle, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (StoreUnavailableException)
            {
                // The store told of its fault once: waited out quietly, and tried again.
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
            catch (Exception e)
            {
                // Whatever went wrong, the sender goes on: stopping it would stop the whole host, polling included.
                LogStoreFailed(logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            }
        }
    }

    /// <summary>Sends the first due message of every chat that may receive one now; false when there was nothing to send.</summary>
    private async Task<bool> SendDueAsync(CancellationToken cancellationToken)
    {
        // A pass is two seconds of sending at most, so a payment confirmation made meanwhile waits no longer behind a morning's digests.
        var next = notifier.NextDue(time.GetUtcNow(), Math.Min(PerPass, Math.Max(1, options.Value.GlobalPerSecond * 2)), _pacer.IsChatReady);
        var sending = new List<Task>();
        var outcomes = new ConcurrentQueue<OutboxMessage>();
        var notYetSent = new Queue<OutboxMessage>();
        // Fewer in flight than the limit: the pacer counts unanswered sends as arrived within the second.
        using var inFlight = new SemaphoreSlim(Math.Min(MaxInFlight, options.Value.GlobalPerSecond));
        try
        {
            // Marks are written a tenth of a second's worth at a time: one transaction for many messages, and a
            // killed process leaves at most that many uncertain.
            foreach (var chunk in next.Chunk(Math.Max(1, options.Value.GlobalPerSecond / 10)))
            {
                notifier.SaveAll([.. Drain(outcomes), .. chunk.Select(m => m with { Status = MessageStatus.Sending })]);
                chunk.ToList().ForEach(notYetSent.Enqueue);
                foreach (var message in chunk)
                {
                    // Each message goes in its own slot; slow answers overlap, so the pace is the limit's, not the round trip's.
                    await inFlight.WaitAsync(cancellationToken);
                    var wait = _pacer.Reserve(message.ChatId);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, time, cancellationToken);
                    }

                    notYetSent.Dequeue();
                    _pacer.Sent();
                    sending.Add(SendAsync(message, outcomes).ContinueWith(_ => inFlight.Release(), TaskScheduler.Default));
                }
            }
        }
        finally
        {
            // A stop waits for what is in flight and records it, and puts back what it had not sent yet:
            // nothing is left marked as being sent.
            await Task.WhenAll(sending);
            notifier.SaveAll([.. Drain(outcomes), .. notYetSent]);
        }

        return next.Count > 0;
    }

    private static List<OutboxMessage> Drain(ConcurrentQueue<OutboxMessage> queue)
    {
        var drained = new List<OutboxMessage>();
        while (queue.TryDequeue(out var message))
        {
            drained.Add(message);
        }

        return drained;
    }

    /// <summary>Sends one message and queues its new state for the next write.</summary>
    private async Task SendAsync(OutboxMessage message, ConcurrentQueue<OutboxMessage> outcomes)
    {
        try
        {
            // A stop waits for the message in flight rather than cutting it off: only a killed process leaves one uncertain.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await channel.SendAsync(message, timeout.Token);
            }
            finally
            {
                _pacer.Answered();
            }

            outcomes.Enqueue(message with { Status = MessageStatus.Sent, SentAt = time.GetUtcNow(), Attempts = message.Attempts + 1 });
        }
        catch (ApiRequestException e) when (e.Parameters?.RetryAfter is { } retryAfter)
        {
            LogRateLimited(logger, retryAfter);
            _pacer.Pause(TimeSpan.FromSeconds(retryAfter));
            outcomes.Enqueue(message with { Status = MessageStatus.Pending });
        }
        catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is { } supergroup)
        {
            // Not a failure: the group lives on under a new id, and the message goes there.
            LogMigrated(logger, message.ChatId, supergroup);
            notifier.MoveChat(message.ChatId, supergroup);
            outcomes.Enqueue(message with { ChatId = supergroup, Status = MessageStatus.Pending });
        }
        catch (ApiRequestException e) when (e.ErrorCode == 403 || (e.ErrorCode == 400 && e.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)))
        {
            LogUnreachable(logger, message.ChatId);
            notifier.MarkUnreachable(message.ChatId);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException)
        {
            var attempts = message.Attempts + 1;
            var failed = attempts >= options.Value.MaxAttempts;
            LogSendFailed(logger, e, message.Id, attempts);
            outcomes.Enqueue(message with
            {
                // Sent with no answer back, it may have arrived: as after a crash, a payment confirmation goes again
                // and anything else is not repeated, so nobody sees an alert twice.
                Status = MayHaveArrived(e) && !message.AtLeastOnce ? MessageStatus.Uncertain : failed ? MessageStatus.Failed : MessageStatus.Pending,
                Attempts = attempts,
                NotBefore = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts))),
                LastError = e.Message,
            });
        }
    }

    /// <summary>
    /// Whether Telegram may have shown the message although the send failed: it timed out, or the connection broke after
    /// the request went out. An error Telegram answered with, or a connection never made, means it did not.
    /// </summary>
    private static bool MayHaveArrived(Exception e) => e switch
    {
        ApiRequestException => false,
        TaskCanceledException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError } => false,
        HttpRequestException => true,
        { InnerException: { } inner } => MayHaveArrived(inner),
        _ => false,
    };

    /// <summary>Messages a stopped process left in flight: a payment confirmation goes again, anything else is not repeated.</summary>
    private void Recover() => notifier.Store(() =>
    {
        foreach (var message in notifier.Messages.Find(Filter.Equal(nameof(OutboxMessage.Status), nameof(MessageStatus.Sending))).ToList())
        {
            notifier.Messages.Update(message with { Status = message.AtLeastOnce ? MessageStatus.Pending : MessageStatus.Uncertain });
        }

        return true;
    });

    [LoggerMessage(200, LogLevel.Warning, "Telegram asks notifications to slow down: waiting {RetryAfter} s")]
    private static partial void LogRateLimited(ILogger logger, int retryAfter);

    [LoggerMessage(201, LogLevel.Information, "Chat {ChatId} cannot be reached; its notifications are held until it writes again")]
    private static partial void LogUnreachable(ILogger logger, long chatId);

    [LoggerMessage(205, LogLevel.Information, "Group {ChatId} became supergroup {SupergroupId}; its notifications follow it")]
    private static partial void LogMigrated(ILogger logger, long chatId, long supergroupId);

    [LoggerMessage(202, LogLevel.Warning, "Sending notification {MessageId} failed (attempt {Attempts})")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string messageId, int attempts);

    [LoggerMessage(204, LogLevel.Error, "Event {EventId} could not be turned into messages; it is skipped")]
    private static partial void LogEventFailed(ILogger logger, Exception exception, long eventId);

    [LoggerMessage(203, LogLevel.Error, "Sending notifications failed; retrying in a second")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);
}
