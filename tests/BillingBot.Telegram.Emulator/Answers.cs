namespace BillingBot.Telegram.Emulator;

/// <summary>How the bot answered a callback query (the button press spinner and optional toast).</summary>
public sealed record CallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert, string? Url);

/// <summary>How the bot answered a pre-checkout query.</summary>
public sealed record PreCheckoutAnswer(string PreCheckoutQueryId, bool Ok, string? ErrorMessage);

/// <summary>Where the bot asked Telegram to post its updates, and the secret token to send with them.</summary>
public sealed record WebhookSetting(string Url, string? SecretToken);
