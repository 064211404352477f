using BillingBot.Chat;

namespace BillingBot.ConsoleChat;

/// <summary>
/// Shows chat screens in a terminal: plain text, buttons numbered so a person types <c>#N</c> to press one.
/// Documents and pictures are saved in <paramref name="folder"/> and shown by their path.
/// </summary>
internal sealed class ConsoleOutput(TextWriter writer, string folder) : IChatOutput
{
    /// <summary>What a button's number is written with, and typed with to press it: <c>#2</c>.</summary>
    public const char ButtonMark = '#';

    private int _messages;

    /// <summary>The buttons of the screen shown last, in the order they are numbered.</summary>
    public IReadOnlyList<Button> Buttons { get; private set; } = [];

    public int LastMessageId => _messages;

    public async Task<int> ShowAsync(long chatId, Screen screen, int? editMessageId, CancellationToken cancellationToken)
    {
        Buttons = screen.Buttons.SelectMany(row => row).ToList();
        await writer.WriteLineAsync();
        await writer.WriteLineAsync(ChatText.Plain(screen.Text));
        var number = 0;
        foreach (var row in screen.Buttons)
        {
            await writer.WriteLineAsync(string.Join("   ", row.Select(b => $"[{ButtonMark}{++number}] {ChatText.Plain(b.Text)}" + (b.Url is { } url ? $" ({url})" : ""))));
        }

        await writer.FlushAsync(cancellationToken);
        return editMessageId ?? ++_messages;
    }

    public async Task AnswerAsync(string callbackId, string? note, CancellationToken cancellationToken)
    {
        if (note is not null)
        {
            await writer.WriteLineAsync("» " + ChatText.Plain(note));
        }
    }

    public async Task SendFileAsync(long chatId, Attachment attachment, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, attachment.File.FileName);
        await File.WriteAllBytesAsync(path, attachment.File.Content, cancellationToken);
        await writer.WriteLineAsync(ChatText.Plain(attachment.Caption));
        await writer.WriteLineAsync("💾 " + path);
        await writer.FlushAsync(cancellationToken);
    }
}
