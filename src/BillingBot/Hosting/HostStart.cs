using Microsoft.Extensions.Hosting;

namespace BillingBot.Hosting;

/// <summary>
/// Background work begins once the host has started whole: a start that is refused (a taken port, say) then leaves
/// nothing done (no accrual, no message sent, no call to Telegram) and nothing logged beside its one line.
/// </summary>
internal static class HostStart
{
    /// <summary>True once the host has started; false if it stops first.</summary>
    public static async Task<bool> StartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stopping)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stopping.Register(() => started.TrySetCanceled(stopping));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
