using System.ComponentModel.DataAnnotations;

namespace BillingBot.Notifications;

/// <summary>How notifications are paced and when they wait (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Telegram's limit for a bot: about 30 messages a second overall.</summary>
    [Range(1, 10_000)]
    public int GlobalPerSecond { get; set; } = 30;

    /// <summary>Messages a second to one private chat.</summary>
    [Range(1, 100)]
    public int PrivatePerSecond { get; set; } = 1;

    /// <summary>Messages a minute to one group.</summary>
    [Range(1, 1_000)]
    public int GroupPerMinute { get; set; } = 20;

    /// <summary>Local time alerts start waiting, in the chat's time zone.</summary>
    [RegularExpression(@"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string QuietHoursStart { get; set; } = "22:00";

    /// <summary>Local time held alerts go out.</summary>
    [RegularExpression(@"^([01][0-9]|2[0-3]):[0-5][0-9]$")]
    public string QuietHoursEnd { get; set; } = "08:00";

    /// <summary>Attempts at one message before it is given up as failed.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;
}
