using BillingBot.Documents;

namespace BillingBot.Chat;

/// <summary>One thing a person did in a chat, whatever the transport: a text, or a button press; <paramref name="UserName"/> is how they are called there.</summary>
public sealed record Incoming(long UpdateId, long ChatId, long UserId, string? LanguageCode, string? Text = null, string? Callback = null, string? CallbackId = null, int? MessageId = null, string? UserName = null)
{
    public bool IsCallback => Callback is not null;
}

/// <summary>A button under a message: a callback with data, or a link. Its text is the chat's HTML, like a screen's, made plain where it is shown.</summary>
public sealed record Button(string Text, string? Data = null, string? Url = null);

/// <summary>What a chat shows: text and buttons, row by row.</summary>
public sealed record Screen(string Text, IReadOnlyList<IReadOnlyList<Button>> Buttons)
{
    public static Screen Of(string text, params IReadOnlyList<Button>[] rows) => new(text, rows);
}

/// <summary>A document or picture sent beside a screen, with its caption (this chat's HTML).</summary>
public sealed record Attachment(DocumentFile File, string Caption);

/// <summary>Where the chat engine's screens go: Telegram, or the local console.</summary>
public interface IChatOutput
{
    /// <summary>Shows <paramref name="screen"/>, editing <paramref name="editMessageId"/> when given; returns the message id it lives in.</summary>
    Task<int> ShowAsync(long chatId, Screen screen, int? editMessageId, CancellationToken cancellationToken);

    /// <summary>Answers a button press, with a short note when there is one.</summary>
    Task AnswerAsync(string callbackId, string? note, CancellationToken cancellationToken);

    /// <summary>Sends a document (or a picture, by its media type) below the screen.</summary>
    Task SendFileAsync(long chatId, Attachment attachment, CancellationToken cancellationToken);
}
