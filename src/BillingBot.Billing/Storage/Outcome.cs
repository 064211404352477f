namespace BillingBot.Billing.Storage;

/// <summary>What one unit of a batch write came to: its result, or the exception it threw.</summary>
public sealed record Outcome<T>
{
    public Outcome(T result) => Result = result;

    public Outcome(Exception error) => Error = error;

    public T? Result { get; }

    public Exception? Error { get; }
}
