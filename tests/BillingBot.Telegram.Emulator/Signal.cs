namespace BillingBot.Telegram.Emulator;

/// <summary>Wakes everyone waiting for the next change; the owner calls it under its own lock.</summary>
internal sealed class Signal
{
    private TaskCompletionSource? _next;

    public Task Next() => (_next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Fire()
    {
        var next = _next;
        _next = null;
        next?.TrySetResult();
    }
}

/// <summary>Waits until a condition, checked under a lock, holds; re-checks on every signal.</summary>
internal static class Waiting
{
    public static async Task UntilAsync(
        Lock gate,
        Signal signal,
        Func<bool> condition,
        TimeSpan timeout,
        Func<string> describeTimeout,
        CancellationToken stopping)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (condition())
                {
                    return;
                }

                next = signal.Next();
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw new ObjectDisposedException(nameof(BotApiEmulator));
            }
            catch (OperationCanceledException)
            {
                lock (gate)
                {
                    if (condition())
                    {
                        return;
                    }

                    throw new TimeoutException(describeTimeout());
                }
            }
        }
    }
}
