using BillingBot.Chat;

namespace BillingBot.Tests.Dialogs;

/// <summary>A screen the engine showed: the message it lives in, and whether an existing message was edited.</summary>
internal sealed record Shown(long ChatId, Screen Screen, int MessageId, bool Edited);

/// <summary>A callback query the engine answered, with the short note it gave, if any.</summary>
internal sealed record Answer(string CallbackId, string? Note);

/// <summary>Stands in for Telegram or the console: keeps every screen shown and every callback answered, in order.</summary>
internal sealed class RecordingOutput : IChatOutput
{
    private readonly List<Shown> _shown = [];
    private readonly List<Answer> _answers = [];
    private readonly List<(long ChatId, Attachment Attachment)> _files = [];
    private int _lastMessageId;

    public IReadOnlyList<Shown> Shown => _shown;

    public IReadOnlyList<Answer> Answers => _answers;

    /// <summary>The documents and pictures sent to <paramref name="chatId"/>, in order.</summary>
    public IReadOnlyList<Attachment> FilesIn(long chatId) => _files.Where(f => f.ChatId == chatId).Select(f => f.Attachment).ToList();

    public IEnumerable<Shown> ShownIn(long chatId) => _shown.Where(s => s.ChatId == chatId);

    public Task<int> ShowAsync(long chatId, Screen screen, int? editMessageId, CancellationToken cancellationToken)
    {
        var messageId = editMessageId ?? ++_lastMessageId;
        _shown.Add(new Shown(chatId, screen, messageId, editMessageId is not null));
        return Task.FromResult(messageId);
    }

    public Task AnswerAsync(string callbackId, string? note, CancellationToken cancellationToken)
    {
        _answers.Add(new Answer(callbackId, note));
        return Task.CompletedTask;
    }

    public Task SendFileAsync(long chatId, Attachment attachment, CancellationToken cancellationToken)
    {
        _files.Add((chatId, attachment));
        return Task.CompletedTask;
    }
}
