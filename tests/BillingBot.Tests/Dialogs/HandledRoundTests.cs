using BillingBot.Chat;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>
/// A round of updates decided together (<see cref="ChatEngine.DecideAll"/>): a chat whose update changed nothing stored
/// keeps its session as it was, and the round's record knows the update as handled, in the same process and after a restart.
/// </summary>
public sealed class HandledRoundTests : IDisposable
{
    private const long Manager = 1002;

    private readonly ChatFixture _chat = new();
    private readonly int _shop;

    public HandledRoundTests()
    {
        _shop = _chat.CreateAccount().Id;
        _chat.PayInvoice(_shop, 100m);
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Menu_InChatsOnTheirMenus_StoresNoSessionAndIsKnownAsHandledAfterARestart()
    {
        await LinkBoth();
        var before = new[] { Stored(ChatFixture.Owner), Stored(Manager) };
        var round = new[] { Menu(ChatFixture.Owner), Menu(Manager) };

        var replies = Decided(round);

        Assert.All(replies, r => Assert.StartsWith("<b>Flower shop</b>", r!.Screen.Text, StringComparison.Ordinal));
        Assert.Equal(before, new[] { Stored(ChatFixture.Owner), Stored(Manager) });
        Assert.All(Decided(round), Assert.Null);

        _chat.Restart();

        Assert.All(Decided(round), Assert.Null);
        Assert.All(round, update => Assert.Null(_chat.Engine.Decide(update)));
    }

    [Fact]
    public async Task Menu_AfterLaterUpdatesWereStoredWithTheSession_IsStillKnownAsHandled()
    {
        await LinkBoth();
        var menu = Menu(ChatFixture.Owner);
        Decided([menu]);
        // A later update that changes the session stores it with its own id, and not the menu's.
        await _chat.Press("top");

        _chat.Restart();

        Assert.DoesNotContain(menu.UpdateId, _chat.Session().RecentUpdates);
        Assert.Null(_chat.Engine.Decide(menu));
    }

    [Fact]
    public async Task Code_RedeemedOnTheMenuOfTheSameAccount_IsStoredWithTheSession()
    {
        // The chat stays on the same account's menu, but the invitation is used up: a write, so the update is kept
        // with the chat's session.
        await LinkBoth();
        var code = _chat.Invite(_shop);
        var redeem = new Incoming(_chat.NextUpdateId(), ChatFixture.Owner, ChatFixture.Owner, "en", Text: "/start " + code);

        Decided([redeem, Menu(Manager)]);

        Assert.Contains(redeem.UpdateId, _chat.Session().RecentUpdates);
        Assert.Equal(_shop, _chat.Session().AccountId);
    }

    [Fact]
    public async Task TextInAFlowStep_ThatChangesNothing_IsStoredWithTheTimeOfTheActivity()
    {
        // In a flow the last activity decides the idle timeout, so it is stored even when nothing else changed.
        await LinkBoth();
        await _chat.Press("top");
        _chat.Time.Advance(TimeSpan.FromMinutes(10));
        var typed = new Incoming(_chat.NextUpdateId(), ChatFixture.Owner, ChatFixture.Owner, "en", Text: "not an amount");

        Decided([typed]);

        Assert.Equal((DialogState.TopUpAmount, _chat.Time.GetUtcNow()), (_chat.Session().State, _chat.Session().LastActivity));
        Assert.Contains(typed.UpdateId, _chat.Session().RecentUpdates);
    }

    [Fact]
    public async Task ForgetHandledUpdates_ForgetsOnlyRoundsOlderThanTheAge()
    {
        await LinkBoth();
        var old = Menu(ChatFixture.Owner);
        Decided([old]);
        _chat.Time.Advance(TimeSpan.FromDays(8));
        var recent = Menu(Manager);
        Decided([recent]);

        Assert.Equal(1, _chat.Engine.ForgetHandledUpdates(TimeSpan.FromDays(7)));

        var rounds = _chat.Store.Read(() => _chat.Store.Collection<HandledRound>("rounds").FindAll().ToList());
        Assert.Equal([recent.UpdateId], Assert.Single(rounds).UpdateIds);
    }

    [Fact]
    public async Task MenusArrivingTogether_EachRepliedAndKnownAsHandledAfterARestart()
    {
        await LinkBoth();
        var round = new[] { Menu(ChatFixture.Owner), Menu(Manager) };

        var replies = await Task.WhenAll(round.Select(_chat.Engine.DecideTogetherAsync));

        Assert.All(replies, r => Assert.StartsWith("<b>Flower shop</b>", r!.Screen.Text, StringComparison.Ordinal));
        _chat.Restart();
        Assert.All(await Task.WhenAll(round.Select(_chat.Engine.DecideTogetherAsync)), Assert.Null);
    }

    private async Task LinkBoth()
    {
        await _chat.Link(_shop);
        await _chat.Link(_shop, user: Manager);
    }

    private Incoming Menu(long chat) => new(_chat.NextUpdateId(), chat, chat, "en", Text: "/menu");

    private IReadOnlyList<Reply?> Decided(IReadOnlyList<Incoming> round) =>
        _chat.Engine.DecideAll(round) ?? throw new InvalidOperationException("The round failed.");

    /// <summary>The chat's session document as it is in the file.</summary>
    private string Stored(long chat) => _chat.Store.Read(() => _chat.Store.Collection<LiteDB.BsonDocument>("chats").FindById(chat).ToString());
}
