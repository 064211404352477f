using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>Each test gets its own emulator and bot host over a LiteDB file in a temp folder of its own.</summary>
public abstract class BotTest : IAsyncLifetime
{
    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "billingbot-e2e", Guid.NewGuid().ToString("N"));

    protected string DbPath => Path.Combine(Folder, "billing.db");

    protected BotApiEmulator Emulator { get; private set; } = null!;

    protected BotHost Bot { get; set; } = null!;

    /// <summary>The bot's clock; the real one unless a test class gives its own.</summary>
    protected virtual TimeProvider? Time => null;

    public virtual async Task InitializeAsync()
    {
        Emulator = await BotApiEmulator.StartAsync();
        Bot = await BotHost.StartAsync(Emulator, DbPath, Time);
    }

    public virtual async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Emulator.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }

    /// <summary>Stops the bot and starts it again on the same database, as a restart would (on another clock if given).</summary>
    protected async Task RestartAsync(TimeProvider? time = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        await Bot.DisposeAsync();
        Bot = await BotHost.StartAsync(Emulator, DbPath, time, settings);
    }
}
