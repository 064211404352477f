using BillingBot.Chat;
using BillingBot.Tests.Dialogs;
using LiteDB;

namespace BillingBot.Tests.Chat;

/// <summary>The sessions' cache over the real store: it only ever holds what was committed.</summary>
public sealed class ChatSessionsTests : IDisposable
{
    private const long Chat = 42;
    private readonly ChatFixture _f = new();
    private readonly ChatSessions _sessions;

    public ChatSessionsTests()
    {
        _sessions = ChatSessions.Of(_f.Store);
        _f.Store.Write(() => _sessions.Put(new ChatSession { Id = Chat, Language = "en", ScreenMessageId = 7 }));
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Of_TheSameStore_IsOneInstance() => Assert.Same(_sessions, ChatSessions.Of(_f.Store));

    [Fact]
    public void Put_InATransactionRolledBack_NeitherReadNorStored()
    {
        var rolledBack = _f.Store.TryWriteAll<bool>([() =>
        {
            _sessions.Put(Get() with { Language = "ru" });
            Assert.Equal("ru", _sessions.Get(Chat)!.Language);
            throw new InvalidOperationException("the batch fails");
        }]);

        Assert.Null(rolledBack);
        Assert.Equal("en", _f.Store.Read(() => _sessions.Get(Chat))!.Language);
        Assert.Equal("en", Stored().Language);
    }

    [Fact]
    public void Put_Committed_ReadAndStored()
    {
        _f.Store.Write(() => _sessions.Put(Get() with { Language = "ru" }));

        Assert.Equal("ru", _f.Store.Read(() => _sessions.Get(Chat))!.Language);
        Assert.Equal("ru", Stored().Language);
    }

    [Fact]
    public void Shown_ReadAtOnce_StoredWithTheChatsNextPut()
    {
        _sessions.Shown(Chat, 8, ChatFixture.Start);

        Assert.Equal(8, _f.Store.Read(() => _sessions.Get(Chat))!.ScreenMessageId);
        Assert.Equal(7, Stored().ScreenMessageId);
        Assert.Equal(1, _sessions.ShownUnstored);

        // A writer that read the session before the screen was shown still stores the screen with it.
        _f.Store.Write(() => _sessions.Put(new ChatSession { Id = Chat, Language = "ru", ScreenMessageId = 7 }));

        Assert.Equal(8, Stored().ScreenMessageId);
        Assert.Equal(0, _sessions.ShownUnstored);
    }

    [Fact]
    public void Shown_PutRolledBack_StillWaitsToBeStored()
    {
        _sessions.Shown(Chat, 8, ChatFixture.Start);

        Assert.Null(_f.Store.TryWriteAll<bool>([() =>
        {
            _sessions.Put(Get() with { Language = "ru" });
            throw new InvalidOperationException("the batch fails");
        }]));

        Assert.Equal(1, _sessions.ShownUnstored);
        Assert.Equal(8, _f.Store.Read(() => _sessions.Get(Chat))!.ScreenMessageId);
    }

    [Fact]
    public void StoreShown_StoresOnlyScreensShownByThen()
    {
        const long Other = 43;
        _f.Store.Write(() => _sessions.Put(new ChatSession { Id = Other }));
        _sessions.Shown(Chat, 8, ChatFixture.Start);
        _sessions.Shown(Other, 9, ChatFixture.Start.AddSeconds(5));

        _f.Store.Write(() => _sessions.StoreShown(ChatFixture.Start.AddSeconds(1)));

        Assert.Equal(8, Stored().ScreenMessageId);
        Assert.Null(Stored(Other).ScreenMessageId);
        Assert.Equal(1, _sessions.ShownUnstored);
    }

    [Fact]
    public void Delete_Committed_GoneWithItsScreen()
    {
        _sessions.Shown(Chat, 8, ChatFixture.Start);

        _f.Store.Write(() => _sessions.Delete(Chat));

        Assert.Null(_f.Store.Read(() => _sessions.Get(Chat)));
        Assert.Equal(0, _sessions.ShownUnstored);
    }

    [Fact]
    public void Get_OutsideATransaction_Refused() => Assert.Throws<InvalidOperationException>(() => _sessions.Get(Chat));

    [Fact]
    public async Task Engine_TextAnswered_ScreenStoredWithTheNextUpdateOrAtTheStop()
    {
        var shop = _f.CreateAccount().Id;
        await _f.Link(shop);
        var first = _f.LastShown().MessageId;
        await _f.Send("/menu");
        var second = _f.LastShown().MessageId;

        // The first reply's message is stored with the second update; the second's waits in memory, read at once.
        Assert.Equal(first, Stored(ChatFixture.Owner).ScreenMessageId);
        Assert.Equal(second, _f.Session().ScreenMessageId);

        _f.Engine.Dispose();

        Assert.Equal(second, Stored(ChatFixture.Owner).ScreenMessageId);
    }

    [Fact]
    public void Lists_StoredAsLiteDbArrays_ReadFromDocumentsOfEarlierReleasesToo()
    {
        _f.Store.Write(() => _sessions.Put(Get() with { RecentUpdates = [5, 9] }));
        var raw = _f.Store.Collection<BsonDocument>("chats");
        var messages = _f.Store.Collection<BsonDocument>("messages");
        _f.Store.Write(() =>
        {
            raw.Upsert(new BsonDocument { ["_id"] = 44L, ["Language"] = "ru", ["RecentUpdates"] = new BsonArray(new BsonValue(3L), new BsonValue(4L)) });
            messages.Insert(new BsonDocument
            {
                ["_id"] = "digest:44:2022-09-29",
                ["ChatId"] = 44L,
                ["Text"] = "Good morning",
                ["Buttons"] = new BsonArray(new BsonDocument { ["Text"] = "Top up", ["Data"] = "top:1" }, new BsonDocument { ["Text"] = "Pay", ["Url"] = "https://pay.example.com/bill/1" }),
            });
        });

        var stored = _f.Store.Read(() => raw.FindById(Chat));
        var earlier = _f.Store.Read(() => _sessions.Get(44));
        var message = _f.Store.Read(() => _f.Store.Collection<BillingBot.Notifications.OutboxMessage>("messages").FindById("digest:44:2022-09-29"));

        Assert.Equal(new BsonArray(new BsonValue(5L), new BsonValue(9L)), stored["RecentUpdates"]);
        Assert.Equal([3L, 4L], earlier!.RecentUpdates);
        Assert.Equal([new Button("Top up", "top:1"), new Button("Pay", Url: "https://pay.example.com/bill/1")], message.Buttons);
    }

    private ChatSession Get() => _sessions.Get(Chat)!;

    /// <summary>What the file holds, past the cache.</summary>
    private ChatSession Stored(long chat = Chat) => _f.Store.Read(() => _sessions.Collection.FindById(chat));
}
