using System.Globalization;

namespace BillingBot.Chat;

/// <summary>
/// Idempotency keys of what was done in a chat carry the chat, so what follows (an invoice paid) can be told there:
/// <c>tg/&lt;chat&gt;/&lt;update&gt;</c> for an operation, <c>telegram/&lt;chat&gt;/&lt;charge&gt;</c> for a payment made in Telegram.
/// </summary>
internal static class ChatKeys
{
    public static string Operation(long chatId, long updateId) => string.Create(CultureInfo.InvariantCulture, $"tg/{chatId}/{updateId}");

    public static string TelegramPayment(long chatId, string chargeId) => string.Create(CultureInfo.InvariantCulture, $"telegram/{chatId}/{chargeId}");

    /// <summary>The chat a key was made in; null for keys from elsewhere (the command line, a bank's webhook).</summary>
    public static long? ChatOf(string? key) =>
        key?.Split('/', 3) is ["tg" or "telegram", var chat, _] && long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
}
