namespace BillingBot.Billing.Storage;

/// <summary>Why the store cannot take writes now.</summary>
public enum StoreFault
{
    /// <summary>The disk (or the user's quota) is full; the store takes writes again by itself once there is space.</summary>
    DiskFull,

    /// <summary>Reading or writing the file failed otherwise (an I/O error); a write made durable again clears it.</summary>
    Failed,

    /// <summary>
    /// The file holds what cannot be read back (a damaged page or document): nothing is written until the store is
    /// opened again (a restart), whose check of the file then refuses it or finds it whole.
    /// </summary>
    Damaged,
}

/// <summary>
/// The store could not make a change durable, so the change is not taken (or, if it was already whole in the file, is
/// found there when it is asked for again). Callers answer it as a temporary failure: 503, an apology, a clear line.
/// </summary>
public sealed class StoreUnavailableException(string path, StoreFault fault, Exception cause)
    : IOException(fault switch
    {
        StoreFault.DiskFull => $"The disk holding {path} is full.",
        StoreFault.Damaged => $"{path} holds damaged data: {cause.Message}",
        _ => $"{path} could not be read or written: {cause.Message}",
    }, cause)
{
    public string Path { get; } = path;

    public StoreFault Fault { get; } = fault;

    /// <summary>The <c>Retry-After</c> an HTTP caller is given, in seconds: long enough for an operator to free space.</summary>
    public const string RetryAfterSeconds = "30";
}
