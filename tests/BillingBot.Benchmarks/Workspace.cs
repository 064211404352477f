namespace BillingBot.Benchmarks;

/// <summary>A temp folder for the benchmark's database files, removed afterwards unless asked to keep it.</summary>
internal sealed class Workspace(bool keep) : IDisposable
{
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "billingbot-bench", Guid.NewGuid().ToString("N"))).FullName;

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose()
    {
        if (!keep)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
