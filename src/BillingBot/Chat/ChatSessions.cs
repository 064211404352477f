using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Chat;

/// <summary>
/// The chats' sessions in the store, read through a cache of what was committed: a chat's every update reads its
/// session, and a LiteDB lookup costs a query plan and a document to map. Everything that reads or writes a session
/// goes through the one instance of its store (<see cref="Of"/>), so the cache never holds what another writer changed.
/// </summary>
/// <remarks>
/// Called only inside the store's transactions, which run one at a time; what a transaction writes reaches the cache
/// once it is committed. The message id a new screen lives in is kept in memory until the chat's session is next
/// stored (or <see cref="StoreShown"/> stores it): one write per update instead of two. A crash loses only those ids,
/// and then a step's buttons under such a screen are refused as not the current one, as for any older screen.
/// </remarks>
internal sealed class ChatSessions
{
    /// <summary>How many sessions the cache keeps before it starts afresh.</summary>
    public const int Kept = 10_000;

    private static readonly ConditionalWeakTable<BillingStore, ChatSessions> ByStore = [];

    private readonly BillingStore _store;
    private readonly Committed<long, ChatSession> _committed;

    /// <summary>Message ids of screens shown since their chats' sessions were stored, and when each was shown.</summary>
    private readonly ConcurrentDictionary<long, (int MessageId, DateTimeOffset At)> _shown = [];
    private long _shownStoredIn = -1;

    private ChatSessions(BillingStore store)
    {
        _store = store;
        _committed = new(store, Kept);
        Collection = store.Collection<ChatSession>("chats");
    }

    /// <summary>The sessions of <paramref name="store"/>: one instance for each store.</summary>
    public static ChatSessions Of(BillingStore store) => ByStore.GetValue(store, s => new ChatSessions(s));

    /// <summary>The collection, for queries over many chats (they read what is stored, never what is cached).</summary>
    public ILiteCollection<ChatSession> Collection { get; }

    /// <summary>The chat's session, with the message id of a screen shown since it was stored; null for a chat never seen.</summary>
    public ChatSession? Get(long chatId)
    {
        var session = Stored(chatId);
        return session is not null && _shown.TryGetValue(chatId, out var shown) ? session with { ScreenMessageId = shown.MessageId } : session;
    }

    /// <summary>Stores the session (in the running transaction); a screen shown since is stored with it.</summary>
    public void Put(ChatSession session)
    {
        (int MessageId, DateTimeOffset At)? shown = _shown.TryGetValue(session.Id, out var pending) ? pending : null;
        var stored = shown is { } s && session.ScreenMessageId != s.MessageId ? session with { ScreenMessageId = s.MessageId } : session;
        Collection.Upsert(stored);
        _committed.Wrote([(stored.Id, stored)]);
        if (shown is { } done)
        {
            _store.AfterCommit(() => _shown.TryRemove(KeyValuePair.Create(stored.Id, done)));
        }
    }

    public void Delete(long chatId)
    {
        Collection.Delete(chatId);
        _committed.Changed(chatId);
        _store.AfterCommit(() => _shown.TryRemove(chatId, out _));
    }

    /// <summary>The chat's screen now lives in <paramref name="messageId"/>: kept until the session is next stored. Needs no transaction.</summary>
    public void Shown(long chatId, int messageId, DateTimeOffset at) => _shown[chatId] = (messageId, at);

    /// <summary>Stores, in the running transaction, the screens shown at or before <paramref name="before"/> whose sessions were not stored since.</summary>
    public void StoreShown(DateTimeOffset before)
    {
        // Once a transaction is enough: a batch of many chats' updates would look at every waiting screen for each.
        if (_shownStoredIn == _store.Transaction && before != DateTimeOffset.MaxValue)
        {
            return;
        }

        _shownStoredIn = _store.Transaction;
        foreach (var (chatId, shown) in _shown)
        {
            if (shown.At > before || _committed.IsWritten(chatId))
            {
                continue;
            }

            if (Stored(chatId) is { } session)
            {
                Put(session);
            }
            else
            {
                // The chat's session is gone (moved to a supergroup): nothing to keep the screen in.
                _shown.TryRemove(KeyValuePair.Create(chatId, shown));
            }
        }
    }

    /// <summary>How many shown screens wait to be stored.</summary>
    public int ShownUnstored => _shown.Count;

    /// <summary>As stored: kept as last committed, or read (in the running transaction, which sees its own writes).</summary>
    private ChatSession? Stored(long chatId)
    {
        if (_committed.TryGet(chatId, out var known))
        {
            return known;
        }

        var read = Collection.FindById(chatId)?.Upgraded();
        if (read is not null)
        {
            _committed.Read(chatId, read);
        }

        return read;
    }
}
