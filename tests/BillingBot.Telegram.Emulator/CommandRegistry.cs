using Telegram.Bot.Types;

namespace BillingBot.Telegram.Emulator;

/// <summary>The bot's command lists by language code ("" for the default list), as setMyCommands left them.</summary>
internal sealed class CommandRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<BotCommand>> _commands = new(StringComparer.Ordinal);

    public void Set(string languageCode, IReadOnlyList<BotCommand> commands)
    {
        lock (_gate)
        {
            if (commands.Count == 0)
            {
                _commands.Remove(languageCode);
            }
            else
            {
                _commands[languageCode] = commands;
            }
        }
    }

    public IReadOnlyList<BotCommand> Get(string languageCode)
    {
        lock (_gate)
        {
            return _commands.TryGetValue(languageCode, out var commands) ? commands : [];
        }
    }

    public IReadOnlyDictionary<string, IReadOnlyList<BotCommand>> Snapshot()
    {
        lock (_gate)
        {
            return new Dictionary<string, IReadOnlyList<BotCommand>>(_commands, StringComparer.Ordinal);
        }
    }
}
