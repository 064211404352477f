using System.Globalization;
using System.Text;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.Payments;

namespace BillingBot.Telegram.Emulator;

/// <summary>A message the bot sent to a chat, as it looks now (or looked at the moment a wait matched it).</summary>
public sealed record SentMessage
{
    public required long ChatId { get; init; }

    public required int Id { get; init; }

    public required MessageKind Kind { get; init; }

    /// <summary>Text (or caption) exactly as the bot sent it, markup included; empty when there is none.</summary>
    public required string Text { get; init; }

    /// <summary>What the user reads: <see cref="Text"/> with the parse mode's markup removed.</summary>
    public required string PlainText { get; init; }

    public ParseMode ParseMode { get; init; }

    public IReadOnlyList<IReadOnlyList<InlineButton>> Keyboard { get; init; } = [];

    public bool LinkPreviewDisabled { get; init; }

    public SentFile? File { get; init; }

    public SentInvoice? Invoice { get; init; }

    /// <summary>How many times the bot edited this message (text or keyboard).</summary>
    public int EditCount { get; init; }

    public required DateTimeOffset Date { get; init; }

    public IEnumerable<InlineButton> Buttons => Keyboard.SelectMany(row => row);

    /// <summary>The button with this exact text; throws with the keyboard in the message when there is none.</summary>
    public InlineButton Button(string text) =>
        Buttons.FirstOrDefault(b => b.Text == text)
        ?? throw new InvalidOperationException($"Message #{Id} in chat {ChatId} has no button \"{text}\": {this}");

    public override string ToString()
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"#{Id}");
        if (Kind != MessageKind.Text)
        {
            line.Append(CultureInfo.InvariantCulture, $" [{Kind}{(File is null ? "" : ": " + File.FileName)}]");
        }

        if (Invoice is not null)
        {
            line.Append(CultureInfo.InvariantCulture, $" {Invoice.Title} {Invoice.TotalAmount} {Invoice.Currency}");
        }

        if (Text.Length > 0)
        {
            line.Append(" \"").Append(Text).Append('"');
        }

        foreach (var row in Keyboard)
        {
            line.Append(" [").AppendJoin(" | ", row).Append(']');
        }

        return line.ToString();
    }
}

/// <summary>One inline keyboard button: its label and what it does.</summary>
public sealed record InlineButton(string Text, string? CallbackData, string? Url)
{
    public override string ToString() => Text + (CallbackData is not null ? " → " + CallbackData : Url is not null ? " ↗ " + Url : "");
}

/// <summary>What kind of message the bot sent.</summary>
public enum MessageKind
{
    Text,
    Document,
    Photo,
    Invoice,
}

/// <summary>An invoice the bot sent with sendInvoice.</summary>
public sealed record SentInvoice(
    string Title,
    string Description,
    string Payload,
    string Currency,
    long TotalAmount,
    IReadOnlyList<LabeledPrice> Prices);
