namespace BillingBot.Telegram.Emulator;

/// <summary>A document or photo the bot sent: the uploaded bytes, or a file_id/URL it referred to.</summary>
public sealed record SentFile(
    long ChatId,
    int MessageId,
    MessageKind Kind,
    string FileId,
    string FileName,
    string? ContentType,
    ReadOnlyMemory<byte> Content)
{
    /// <summary>True when the bot uploaded bytes (multipart); false when it sent a file_id or URL.</summary>
    public bool Uploaded => !Content.IsEmpty;
}
