using System.ComponentModel.DataAnnotations;

namespace BillingBot.Payments;

/// <summary>How payments reach the bot besides an operator (section <c>Payments</c>): the signed webhook and Telegram's own payments.</summary>
public sealed class PaymentChannelOptions
{
    public const string Section = "Payments";

    /// <summary>Key of the webhook's HMAC-SHA256 signature; empty turns the webhook off (it answers 404).</summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Largest webhook body accepted, in bytes.</summary>
    [Range(256, 1_048_576)]
    public int MaxWebhookBytes { get; set; } = 16_384;

    public TelegramPaymentOptions Telegram { get; set; } = new();

    public bool WebhookEnabled => !string.IsNullOrEmpty(WebhookSecret);
}

/// <summary>Telegram Payments (section <c>Payments:Telegram</c>).</summary>
public sealed class TelegramPaymentOptions
{
    /// <summary>The payment provider token from @BotFather; empty means invoices offer no "Pay in Telegram".</summary>
    public string ProviderToken { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(ProviderToken);
}
