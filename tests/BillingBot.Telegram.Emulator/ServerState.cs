using System.Globalization;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// The chats of the emulated server: message ids, the bot's messages and their edits, uploaded files,
/// blocked chats and a readable transcript. One lock; every change wakes the waits.
/// </summary>
internal sealed class ServerState(User bot, TimeProvider time)
{
    private const int TranscriptTail = 60;
    private const string NotModified =
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private readonly Lock _gate = new();
    private readonly Signal _changed = new();
    private readonly Dictionary<long, ChatState> _chats = [];

    public User Bot => bot;

    public Message UserMessage(long chatId, User from, string transcript, Action<Message> fill)
    {
        lock (_gate)
        {
            var chat = Chat(chatId);
            chat.LastUser = from;
            var message = new Message { Id = ++chat.LastMessageId, Date = Now(), Chat = TelegramObjects.ChatOf(chat), From = from };
            fill(message);
            UserActed(chat, transcript);
            return message;
        }
    }

    public CallbackQuery UserPress(long chatId, int messageId, User from, string data, string queryId)
    {
        lock (_gate)
        {
            var chat = Chat(chatId);
            chat.LastUser = from;
            var found = chat.BotMessages.TryGetValue(messageId, out var pressed);
            var label = pressed?.State.Buttons.FirstOrDefault(b => b.CallbackData == data)?.Text ?? "?";
            UserActed(chat, $"» {from.FirstName} pressed \"{label}\" ({data}) on #{messageId}{(found ? "" : " (no such message)")}");
            return new CallbackQuery
            {
                Id = queryId,
                From = from,
                ChatInstance = chatId.ToString(CultureInfo.InvariantCulture),
                Data = data,
                Message = found
                    ? TelegramObjects.MessageOf(chat, pressed!, bot, Now())
                    : new Message { Id = messageId, Date = DateTime.UnixEpoch, Chat = TelegramObjects.ChatOf(chat) },
            };
        }
    }

    /// <summary>
    /// The group becomes a supergroup with a new id: the service messages Telegram posts in both (migrate_to_chat_id
    /// in the old, migrate_from_chat_id in the new), and from now on sends to the old id are refused.
    /// </summary>
    public (Message Old, Message New) Migrate(long groupId, long supergroupId, User from)
    {
        lock (_gate)
        {
            var group = Chat(groupId);
            var supergroup = Chat(supergroupId);
            group.MigratedTo = supergroupId;
            UserActed(group, $"» the group became supergroup {supergroupId}");
            UserActed(supergroup, $"» migrated from group {groupId}");
            var upgraded = TelegramObjects.ChatOf(supergroup);
            upgraded.Type = ChatType.Supergroup;
            return (
                new Message { Id = ++group.LastMessageId, Date = Now(), Chat = TelegramObjects.ChatOf(group), From = from, MigrateToChatId = supergroupId },
                new Message { Id = ++supergroup.LastMessageId, Date = Now(), Chat = upgraded, From = from, MigrateFromChatId = groupId });
        }
    }

    /// <summary>Blocks or unblocks the bot; returns the my_chat_member change Telegram reports for it.</summary>
    public ChatMemberUpdated SetBlocked(long chatId, bool blocked, User? from)
    {
        lock (_gate)
        {
            var chat = Chat(chatId);
            chat.LastUser = from ?? chat.LastUser ?? DefaultUser(chatId);
            chat.Blocked = blocked;
            UserActed(chat, $"» {chat.LastUser.FirstName} {(blocked ? "blocked" : "unblocked")} the bot");
            ChatMember member = new ChatMemberMember { User = bot };
            ChatMember kicked = new ChatMemberBanned { User = bot };
            return new ChatMemberUpdated
            {
                Chat = TelegramObjects.ChatOf(chat),
                From = chat.LastUser,
                Date = Now(),
                OldChatMember = blocked ? member : kicked,
                NewChatMember = blocked ? kicked : member,
            };
        }
    }

    public bool IsBlocked(long chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var chat) && chat.Blocked;
        }
    }

    public void Note(long chatId, string line)
    {
        lock (_gate)
        {
            Chat(chatId).Transcript.Add(line);
            _changed.Fire();
        }
    }

    public Message Send(long chatId, SentMessage draft, Markup markup)
    {
        lock (_gate)
        {
            var chat = Writable(chatId, draft.Kind.ToString());
            var sent = draft with { Id = ++chat.LastMessageId, ChatId = chatId, Date = time.GetUtcNow() };
            if (sent.File is { } file)
            {
                sent = sent with { File = file with { ChatId = chatId, MessageId = sent.Id } };
                chat.Files.Add(sent.File);
            }

            return Store(chat, new BotMessage(sent, markup), "« ");
        }
    }

    public Message EditText(long chatId, int messageId, string text, string plainText, ParseMode mode, bool noPreview, Markup markup)
    {
        lock (_gate)
        {
            var chat = Writable(chatId, "edit");
            var old = Existing(chat, messageId, "message to edit not found");
            if (old.State.Kind != MessageKind.Text)
            {
                throw ApiError.BadRequest("there is no text in the message to edit");
            }

            if (old.State.Text == text && old.State.ParseMode == mode && old.Markup.SameAs(markup))
            {
                throw ApiError.BadRequest(NotModified);
            }

            var state = old.State with
            {
                Text = text,
                PlainText = plainText,
                ParseMode = mode,
                LinkPreviewDisabled = noPreview,
                Keyboard = markup.Rows,
                EditCount = old.State.EditCount + 1,
            };
            return Store(chat, new BotMessage(state, markup), "✎ ");
        }
    }

    public Message EditMarkup(long chatId, int messageId, Markup markup)
    {
        lock (_gate)
        {
            var chat = Writable(chatId, "edit");
            var old = Existing(chat, messageId, "message to edit not found");
            if (old.Markup.SameAs(markup))
            {
                throw ApiError.BadRequest(NotModified);
            }

            var state = old.State with { Keyboard = markup.Rows, EditCount = old.State.EditCount + 1 };
            return Store(chat, new BotMessage(state, markup), "✎ ");
        }
    }

    public void Delete(long chatId, int messageId)
    {
        lock (_gate)
        {
            var chat = Writable(chatId, "delete");
            _ = Existing(chat, messageId, "message to delete not found");
            chat.BotMessages.Remove(messageId);
            chat.Transcript.Add($"✗ #{messageId} deleted");
            _changed.Fire();
        }
    }

    public IReadOnlyList<SentMessage> Messages(long chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var chat) ? [.. chat.BotMessages.Values.Select(m => m.State)] : [];
        }
    }

    public IReadOnlyList<SentFile> Files(long chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var chat) ? [.. chat.Files] : [];
        }
    }

    public IReadOnlyList<string> Transcript(long chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var chat) ? [.. chat.Transcript] : [];
        }
    }

    public async Task<SentMessage> WaitForMessageAsync(
        long chatId,
        Func<SentMessage, bool>? predicate,
        TimeSpan timeout,
        CancellationToken stopping)
    {
        SentMessage? found = null;
        await Waiting.UntilAsync(
            _gate,
            _changed,
            () => (found = TakeEvent(chatId, predicate)) is not null,
            timeout,
            () => $"No {(predicate is null ? "new or edited" : "matching")} bot message in chat {chatId} within "
                + $"{timeout.TotalSeconds:0.#} s. Transcript (» user, « bot, ✎ edited):{Environment.NewLine}"
                + string.Join(Environment.NewLine, TranscriptLines(chatId).Select(line => "    " + line)),
            stopping);
        return found!;
    }

    private SentMessage? TakeEvent(long chatId, Func<SentMessage, bool>? predicate)
    {
        if (!_chats.TryGetValue(chatId, out var chat))
        {
            return null;
        }

        for (var i = chat.Cursor; i < chat.Events.Count; i++)
        {
            if (predicate is null || predicate(chat.Events[i]))
            {
                chat.Cursor = i + 1;
                return chat.Events[i];
            }
        }

        return null;
    }

    private IEnumerable<string> TranscriptLines(long chatId) =>
        _chats.TryGetValue(chatId, out var chat) ? chat.Transcript.TakeLast(TranscriptTail) : ["(nothing happened in this chat)"];

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private ChatState Chat(long chatId)
    {
        if (!_chats.TryGetValue(chatId, out var chat))
        {
            _chats[chatId] = chat = new ChatState(chatId);
        }

        return chat;
    }

    private ChatState Writable(long chatId, string action)
    {
        var chat = Chat(chatId);
        if (chat.Blocked)
        {
            chat.Transcript.Add($"✗ {action} refused: bot was blocked by the user");
            throw ApiError.Forbidden("bot was blocked by the user");
        }

        if (chat.MigratedTo is { } supergroup)
        {
            chat.Transcript.Add($"✗ {action} refused: the group is now supergroup {supergroup}");
            throw ApiError.Migrated(supergroup);
        }

        return chat;
    }

    private static BotMessage Existing(ChatState chat, int messageId, string notFound) =>
        chat.BotMessages.TryGetValue(messageId, out var message) ? message : throw ApiError.BadRequest(notFound);

    private void UserActed(ChatState chat, string transcript)
    {
        chat.Transcript.Add(transcript);
        chat.Cursor = chat.Events.Count; // waits look for the bot's answer to this, not to earlier turns
        _changed.Fire();
    }

    private Message Store(ChatState chat, BotMessage message, string mark)
    {
        chat.BotMessages[message.State.Id] = message;
        chat.Events.Add(message.State);
        chat.Transcript.Add(mark + message.State);
        _changed.Fire();
        return TelegramObjects.MessageOf(chat, message, bot, Now());
    }

    private static User DefaultUser(long chatId) => new() { Id = chatId, FirstName = $"User {chatId}" };
}
