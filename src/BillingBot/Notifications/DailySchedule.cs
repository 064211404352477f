using BillingBot.Billing.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingBot.Notifications;

/// <summary>
/// What happens every day without anyone touching it, checked each minute on the <see cref="TimeProvider"/>:
/// each account charged through its own last ended day (missed days caught up once), promised payments reminded
/// and marked overdue, digests and auto top-up summaries queued. Every step is idempotent, so a restart at any
/// moment neither misses nor repeats anything.
/// </summary>
internal sealed partial class DailySchedule(BillingBot.Billing.BillingService billing, Digests digests, TimeProvider time, ILogger<DailySchedule> logger, IHostApplicationLifetime? lifetime = null) : BackgroundService, IHostedLifecycleService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    private DateTimeOffset _lastAccrual = DateTimeOffset.MinValue;

    /// <summary>One pass of everything due now; each step on its own, so one failing does not hold the others back.</summary>
    public void RunOnce()
    {
        digests.Failed ??= (chat, e) => LogDigestFailed(logger, e, chat);
        // Every time zone's midnight falls on a quarter hour: the accrual looks at the accounts only then (and first).
        var now = time.GetUtcNow();
        var quarter = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.FromMinutes(15).Ticks), TimeSpan.Zero);
        if (quarter > _lastAccrual)
        {
            Step(() => billing.Charges.Accrue());
            _lastAccrual = quarter;
        }

        Step(() => billing.Promises.Review());
        Step(() => digests.QueueDue());
    }

    private void Step(Action step)
    {
        try
        {
            step();
        }
        catch (StoreUnavailableException)
        {
            // The store told of its fault once; the step runs again in a minute, when it may work.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The first pass, once every service has started (its ports are taken) and before the host says it has: a start that
    /// is refused charges nothing, and one that succeeds has caught up before anything else happens.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        RunOnce();
        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Under a host the first pass runs as it finishes starting (StartedAsync); made by hand (as tests do), here.
        if (lifetime is null)
        {
            RunOnce();
        }

        while (true)
        {
            try
            {
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            RunOnce();
        }
    }

    [LoggerMessage(300, LogLevel.Error, "A step of the daily schedule failed; it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(301, LogLevel.Error, "The digest of chat {ChatId} could not be made")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception, long chatId);
}
