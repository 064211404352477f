using System.ComponentModel.DataAnnotations;

namespace BillingBot.Dialogs;

/// <summary>How chats behave (section <c>Dialogs</c>).</summary>
public sealed class DialogOptions
{
    public const string Section = "Dialogs";

    /// <summary>A flow left alone this long goes back to the menu.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Wrong invitation codes a user may try per hour.</summary>
    [Range(1, 100)]
    public int MaxWrongCodesPerHour { get; set; } = 5;

    private IReadOnlyList<long> _operators = [];

    /// <summary>The provider's operators: in a private chat with the bot they find any account and see its card.</summary>
    /// <remarks>Not a setting of its own: <c>Telegram:AdminIds</c> names them (<see cref="UseOperators"/>).</remarks>
    public IReadOnlyList<long> Operators => _operators;

    public void UseOperators(IEnumerable<long> userIds) => _operators = [.. userIds];

    /// <summary>Whether <paramref name="userId"/> acts as an operator in <paramref name="chatId"/>: only in their private chat, never in a group, where others would read the cards.</summary>
    public bool OperatorIn(long chatId, long userId) => chatId == userId && _operators.Contains(userId);
}
