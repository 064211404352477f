using System.Text.Json;
using BillingBot.Billing.Storage;

namespace BillingBot.Admin;

/// <summary>
/// Where a running bot takes operator commands: written beside the database once its API listens, removed at stop,
/// so a command on the same database finds the bot that owns it.
/// </summary>
internal sealed record BotEndpoint(int ProcessId, string Url)
{
    public static string PathOf(string databasePath) => databasePath + ".api.json";

    public void Write(string databasePath)
    {
        var path = PathOf(databasePath);
        File.WriteAllText(path + ".partial", JsonSerializer.Serialize(this));
        File.Move(path + ".partial", path, overwrite: true);
    }

    public static void Remove(string databasePath) => File.Delete(PathOf(databasePath));

    /// <summary>The bot that owns <paramref name="databasePath"/> now, or null when no process does.</summary>
    /// <exception cref="StoreInUseException">Another process owns it and takes no commands (another command, or a bot starting or stopping).</exception>
    public static BotEndpoint? Find(string databasePath)
    {
        if (!StoreLock.IsHeld(databasePath))
        {
            return null;
        }

        return Read(databasePath) ?? throw new StoreInUseException(databasePath);
    }

    /// <summary>What the endpoint file says, or null without one (a file left by a killed bot is read too: the lock tells).</summary>
    public static BotEndpoint? Read(string databasePath)
    {
        try
        {
            return JsonSerializer.Deserialize<BotEndpoint>(File.ReadAllText(PathOf(databasePath)));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
