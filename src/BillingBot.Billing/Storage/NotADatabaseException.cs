namespace BillingBot.Billing.Storage;

/// <summary>The path names a file that is not a LiteDB database; it was left as it was.</summary>
public sealed class NotADatabaseException(string path) : IOException($"{path} is not a LiteDB database.")
{
    public string Path { get; } = path;
}
