using BillingBot.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingBot.Notifications;

/// <summary>
/// What happens every day without anyone touching it, checked each minute on the <see cref="TimeProvider"/>:
/// each account charged through its own last ended day (missed days caught up once), promised payments reminded
/// and marked overdue, digests and auto top-up summaries queued. Every step is idempotent, so a restart at any
/// moment neither misses nor repeats anything.
/// </summary>
internal sealed partial class DailySchedule(BillingBot.Billing.BillingService billing, Digests digests, TimeProvider time, ILogger<DailySchedule> logger, IHostApplicationLifetime? lifetime = null) : BackgroundService
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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Made by hand (as tests do), with no host to wait for, it begins at once.
        if (lifetime is not null && !await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            RunOnce();
            try
            {
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    [LoggerMessage(300, LogLevel.Error, "A step of the daily schedule failed; it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(301, LogLevel.Error, "The digest of chat {ChatId} could not be made")]
    private static partial void LogDigestFailed(ILogger logger, Exception exception, long chatId);
}
