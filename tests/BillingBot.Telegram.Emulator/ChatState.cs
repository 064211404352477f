using Telegram.Bot.Types;

namespace BillingBot.Telegram.Emulator;

/// <summary>One chat as the emulated server sees it; guarded by <see cref="ServerState"/>'s lock.</summary>
internal sealed class ChatState(long id)
{
    public long Id { get; } = id;

    /// <summary>Message ids are per chat and shared by the user's and the bot's messages, as in Telegram.</summary>
    public int LastMessageId { get; set; }

    public bool Blocked { get; set; }

    /// <summary>The group became this supergroup: sends here are refused with migrate_to_chat_id.</summary>
    public long? MigratedTo { get; set; }

    public User? LastUser { get; set; }

    public SortedDictionary<int, BotMessage> BotMessages { get; } = [];

    /// <summary>Every new or edited bot message, in order; waits consume it from <see cref="Cursor"/> on.</summary>
    public List<SentMessage> Events { get; } = [];

    public int Cursor { get; set; }

    public List<string> Transcript { get; } = [];

    public List<SentFile> Files { get; } = [];
}

/// <summary>A bot message: what tests see, and the markup it carries.</summary>
internal sealed record BotMessage(SentMessage State, Markup Markup);
