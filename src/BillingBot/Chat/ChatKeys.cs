using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BillingBot.Billing;

namespace BillingBot.Chat;

/// <summary>
/// Idempotency keys of what was done in a chat carry the chat, so what follows (an invoice paid) can be told there:
/// <c>tg/&lt;chat&gt;/&lt;update&gt;</c> for an operation, <c>telegram/&lt;chat&gt;/&lt;charge&gt;</c> for a payment made in Telegram.
/// </summary>
internal static class ChatKeys
{
    public static string Operation(long chatId, long updateId) => string.Create(CultureInfo.InvariantCulture, $"tg/{chatId}/{updateId}");

    /// <summary>
    /// The key of a payment Telegram has already charged: never refused, so a charge id too long for a key (or holding
    /// a control character) is kept by its SHA-256, which is as unique.
    /// </summary>
    public static string TelegramPayment(long chatId, string chargeId)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"telegram/{chatId}/{chargeId}");
        return key.Length <= CallerKey.MaxLength && !CallerKey.HasControl(key)
            ? key
            : string.Create(CultureInfo.InvariantCulture, $"telegram/{chatId}/sha256-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(chargeId)))}");
    }

    /// <summary>The chat a key was made in; null for keys from elsewhere (the command line, a bank's webhook).</summary>
    public static long? ChatOf(string? key) =>
        key?.Split('/', 3) is ["tg" or "telegram", var chat, _] && long.TryParse(chat, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id) ? id : null;
}
