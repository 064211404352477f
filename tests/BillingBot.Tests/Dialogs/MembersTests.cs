using BillingBot.Billing.Members;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>The Members screen: who belongs to an account, the owner's changes to them, and leaving.</summary>
public sealed class MembersTests : IDisposable
{
    private const long Manager = 2002;
    private const long Second = 3003;

    private readonly ChatFixture _chat = new();
    private readonly int _shop;

    public MembersTests()
    {
        _shop = _chat.CreateAccount().Id;
        _chat.Billing.Members.Redeem(_chat.Invite(_shop, Role.Owner), ChatFixture.Owner, "Anna Petrova (@anna)");
        _chat.Billing.Members.Redeem(_chat.Invite(_shop, Role.Manager), Manager, "Ivan <Sales>");
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Members_Owner_SeesEveryoneByNameAndRoleAndOpensEachButNoLeaveAsTheLastOwner()
    {
        await _chat.Send("/menu");

        var screen = await _chat.Press("mem");

        Assert.Equal("<b>Members of Flower shop</b>\n👑 Anna Petrova (@anna) (you) — owner\n👤 Ivan &lt;Sales&gt; — manager", screen.Text);
        Assert.Equal([$"mem:{Manager}", "m"], _chat.ButtonsData());
        Assert.Equal("Ivan <Sales>", ChatTextOf(_chat.ButtonWith($"mem:{Manager}").Text));
    }

    [Fact]
    public async Task MoneyRight_OwnerAllowsThenStops_TheManagersRightFollows()
    {
        await _chat.Send("/menu");
        await _chat.Press("mem");
        var opened = await _chat.Press($"mem:{Manager}");
        Assert.Contains("Sees everything and asks for invoices, but moves no money.", opened.Text, StringComparison.Ordinal);

        var granted = await _chat.Press("right:on");

        Assert.StartsWith("Ivan &lt;Sales&gt; may now move money.", granted.Text, StringComparison.Ordinal);
        Assert.True(Member(Manager)!.MovesMoney);
        Assert.Contains("right:off", _chat.ButtonsData());

        await _chat.Press("right:off");

        Assert.False(Member(Manager)!.MovesMoney);
        Assert.Equal(DialogState.Member, _chat.Session().State);
    }

    [Fact]
    public async Task Remove_OwnerConfirms_ManagerGoneAndTheirNextPressFindsNoAccount()
    {
        await _chat.Send("/menu", user: Manager);
        await _chat.Send("/menu");
        await _chat.Press("mem");
        await _chat.Press($"mem:{Manager}");

        var asked = await _chat.Press("rm");
        Assert.Equal("Remove Ivan &lt;Sales&gt; from Flower shop? They will no longer see the account or get its alerts.", asked.Text);
        var removed = await _chat.Press("ok");

        Assert.StartsWith("Ivan &lt;Sales&gt; is no longer a member.", removed.Text, StringComparison.Ordinal);
        Assert.Null(Member(Manager));
        Assert.Equal(DialogState.Members, _chat.Session().State);

        // The manager's menu is still on their screen: its buttons no longer reach the account.
        var stale = await _chat.Press("bal", user: Manager);
        Assert.Equal(ChatFixture.Text("chat.notLinked"), stale.Text);
    }

    [Fact]
    public async Task Leave_ManagerConfirms_NoLongerAMemberAndTheOwnerStays()
    {
        await _chat.Send("/menu", user: Manager);
        await _chat.Press("mem", user: Manager);
        Assert.Equal(["leave", "m"], _chat.ButtonsData(Manager));

        await _chat.Press("leave", user: Manager);
        var left = await _chat.Press("ok", user: Manager);

        Assert.StartsWith("You left Flower shop.", left.Text, StringComparison.Ordinal);
        Assert.Null(Member(Manager));
        Assert.NotNull(Member(ChatFixture.Owner));
    }

    [Fact]
    public async Task Leave_OneOfTwoOwners_MayLeaveAndTheChatGoesOnWithTheirOtherAccount()
    {
        var bakery = _chat.CreateAccount("Bakery").Id;
        _chat.Join(bakery);
        _chat.Join(_shop, user: Second);
        await _chat.Send("/start");
        await _chat.Press($"acc:{_shop}");
        await _chat.Press("mem");

        await _chat.Press("leave");
        var left = await _chat.Press("ok");

        Assert.StartsWith("You left Flower shop.", left.Text, StringComparison.Ordinal);
        Assert.Equal(bakery, _chat.Session().AccountId);
        Assert.Contains("<b>Bakery</b>", left.Text, StringComparison.Ordinal);
        Assert.Equal([Second], _chat.Billing.Members.MembersOf(_shop).Where(m => m.Role == Role.Owner).Select(m => m.UserId));
    }

    [Fact]
    public async Task ForgedOwnerPresses_ByAManager_RefusedAndNothingChanges()
    {
        await _chat.Send("/menu", user: Manager);
        await _chat.Press("mem", user: Manager);

        var open = await _chat.Press($"mem:{ChatFixture.Owner}", user: Manager);
        var right = await _chat.Press("right:on", user: Manager);

        Assert.StartsWith(ChatFixture.Text("chat.ownersOnly"), open.Text, StringComparison.Ordinal);
        Assert.StartsWith(ChatFixture.Text("chat.stale"), right.Text, StringComparison.Ordinal);
        Assert.False(Member(Manager)!.MovesMoney);
        Assert.Equal(2, _chat.Billing.Members.MembersOf(_shop).Count);
    }

    private Membership? Member(long user) => _chat.Billing.Members.MembersOf(_shop).FirstOrDefault(m => m.UserId == user);

    private static string ChatTextOf(string html) => BillingBot.Chat.ChatText.Plain(html);
}
