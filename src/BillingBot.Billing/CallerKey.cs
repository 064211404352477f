namespace BillingBot.Billing;

/// <summary>
/// A key a caller gives to make a write happen once (a payment id, an idempotency key, an external id): at most
/// <see cref="MaxLength"/> characters and no control characters, so it fits an index (LiteDB refuses keys of about
/// 1,000 bytes) and cannot forge lines where it is printed. A longer one is refused with the reason, never stored.
/// </summary>
public static class CallerKey
{
    public const int MaxLength = 200;

    /// <summary>Returns <paramref name="key"/>, or refuses it with <see cref="BillingError.InvalidKey"/>.</summary>
    public static string Require(string key) => key.Length <= MaxLength && !HasControl(key)
        ? key
        : throw new BillingException(BillingError.InvalidKey, ("max", MaxLength));

    /// <summary>Whether <paramref name="text"/> holds a control character (a newline, a tab, an escape…).</summary>
    public static bool HasControl(string text) => text.AsSpan().ContainsAnyInRange('\0', '\u001f') || text.Contains('\u007f', StringComparison.Ordinal);
}
