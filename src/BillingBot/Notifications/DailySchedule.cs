using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingBot.Notifications;

/// <summary>
/// What happens every day without anyone touching it, checked each minute on the <see cref="TimeProvider"/>:
/// each account charged through its own last ended day (missed days caught up once), promised payments reminded
/// and marked overdue, digests and auto top-up summaries queued. Every step is idempotent, so a restart at any
/// moment neither misses nor repeats anything.
/// </summary>
internal sealed partial class DailySchedule(BillingBot.Billing.BillingService billing, Digests digests, TimeProvider time, ILogger<DailySchedule> logger) : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    /// <summary>One pass of everything due now.</summary>
    public void RunOnce()
    {
        billing.Charges.Accrue();
        billing.Promises.Review();
        digests.QueueDue();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                RunOnce();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }

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

    [LoggerMessage(300, LogLevel.Error, "The daily schedule failed; it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
