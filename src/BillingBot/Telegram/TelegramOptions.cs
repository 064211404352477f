using System.ComponentModel.DataAnnotations;

namespace BillingBot.Telegram;

/// <summary>The bot's connection to Telegram (section <c>Telegram</c>).</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The token from @BotFather; empty starts the local console chat instead.</summary>
    [RegularExpression(@"^$|^[0-9]+:[A-Za-z0-9_-]+$", ErrorMessage = "Telegram:Token must look like 123456:ABC-DEF (the token from @BotFather).")]
    public string Token { get; set; } = "";

    /// <summary>Another Bot API server (a local one, or a test emulator); empty means Telegram's.</summary>
    [RegularExpression(@"^$|^https?://\S+$", ErrorMessage = "Telegram:BaseUrl must be empty or an http(s) URL such as http://127.0.0.1:8081.")]
    public string? BaseUrl { get; set; }

    /// <summary>Telegram user ids of the provider's operators.</summary>
    public IReadOnlyList<long> AdminIds { get; set; } = [];

    /// <summary>How many chats are served at once; one chat's updates are always handled in order.</summary>
    [Range(1, 256)]
    public int MaxConcurrentChats { get; set; } = 8;

    /// <summary>Long-poll timeout of getUpdates.</summary>
    [Range(0, 50)]
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary><c>Polling</c> (getUpdates) or <c>Webhook</c> (Telegram posts updates to <see cref="WebhookUrl"/>).</summary>
    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public https address Telegram posts updates to, ending in <c>/telegram/webhook</c>; webhook mode only.</summary>
    [RegularExpression(@"^$|^https://\S+$", ErrorMessage = "Telegram:WebhookUrl must be empty or an https URL.")]
    public string WebhookUrl { get; set; } = "";

    /// <summary>Telegram sends it with every update, so nobody else can post updates; 1–256 of A-Z, a-z, 0-9, _ and -.</summary>
    [RegularExpression(@"^$|^[A-Za-z0-9_-]{1,256}$", ErrorMessage = "Telegram:WebhookSecret must be 1 to 256 characters of A-Z, a-z, 0-9, _ and -.")]
    public string WebhookSecret { get; set; } = "";

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);
}

public enum TelegramMode
{
    Polling,
    Webhook,

    /// <summary>
    /// No chat at all, on the configured database: the payment webhook, the operator API and the daily schedule run;
    /// notifications wait in the outbox until the bot runs with a token.
    /// </summary>
    Headless,
}
