using System.Text.RegularExpressions;
using BillingBot.Billing.Members;

namespace BillingBot.Tests.Dialogs;

public sealed class LinkingTests : IDisposable
{
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Start_WithoutMembership_ShowsNotLinkedText()
    {
        var screen = await _chat.Send("/start");

        Assert.Equal(ChatFixture.Text("chat.notLinked"), screen.Text);
        Assert.Empty(screen.Buttons);
    }

    [Fact]
    public async Task StartCode_OwnerCode_LinksAsOwnerAndShowsMenu()
    {
        var shop = _chat.CreateAccount();

        var screen = await _chat.Link(shop.Id);

        var membership = Assert.Single(_chat.Billing.Members.AccountsOf(ChatFixture.Owner));
        Assert.Equal((shop.Id, Role.Owner), (membership.AccountId, membership.Role));
        Assert.StartsWith("Linked: you are the owner of <b>Flower shop</b>.\n\n<b>Flower shop</b>\nBalance: $0.00", screen.Text, StringComparison.Ordinal);
        Assert.Equal(["bal", "top", "inv", "hist", "prom", "set"], _chat.ButtonsData().Take(6));
    }

    [Fact]
    public async Task StartCode_ManagerCode_LinksAsManager()
    {
        var shop = _chat.CreateAccount();

        var screen = await _chat.Link(shop.Id, Role.Manager, user: 2002);

        Assert.Equal(Role.Manager, Assert.Single(_chat.Billing.Members.AccountsOf(2002)).Role);
        Assert.StartsWith("Linked: you are the manager of <b>Flower shop</b>.", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartCode_WrongCode_SaysSoAndStaysUnlinked()
    {
        _chat.CreateAccount();

        var screen = await _chat.Send("/start NOTAREALCODE2345");

        Assert.Equal(ChatFixture.Text("error.InvalidInvitation") + "\n\n" + ChatFixture.Text("chat.notLinked"), screen.Text);
        Assert.Empty(_chat.Billing.Members.AccountsOf(ChatFixture.Owner));
    }

    [Fact]
    public async Task StartCode_CodeUsedByAnotherUser_IsRefused()
    {
        var shop = _chat.CreateAccount();
        var code = _chat.Invite(shop.Id);
        await _chat.Send("/start " + code, user: 2002);

        var screen = await _chat.Send("/start " + code);

        Assert.StartsWith(ChatFixture.Text("error.InvalidInvitation"), screen.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Members.AccountsOf(ChatFixture.Owner));
    }

    [Fact]
    public async Task StartCode_SixthCodeWithinAnHour_RefusedEvenIfRightUntilTheHourPasses()
    {
        var shop = _chat.CreateAccount();
        for (var i = 1; i <= 5; i++)
        {
            _chat.Time.Advance(TimeSpan.FromMinutes(1));
            var wrong = await _chat.Send($"/start WRONGCODE{i}");
            Assert.StartsWith(ChatFixture.Text("error.InvalidInvitation"), wrong.Text, StringComparison.Ordinal);
        }

        var code = _chat.Invite(shop.Id);
        var refused = await _chat.Send("/start " + code);

        Assert.StartsWith(ChatFixture.Text("chat.link.tooMany"), refused.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Members.AccountsOf(ChatFixture.Owner));

        // The first wrong code was 5 minutes ago; an hour after the last one all five have aged out.
        _chat.Time.Advance(TimeSpan.FromHours(1));
        var linked = await _chat.Send("/start " + code);

        Assert.StartsWith("Linked: you are the owner of <b>Flower shop</b>.", linked.Text, StringComparison.Ordinal);
        Assert.Single(_chat.Billing.Members.AccountsOf(ChatFixture.Owner));
    }

    [Fact]
    public async Task StartCode_SixthWrongCodeOfTheSameUserInAnotherChat_IsRefused()
    {
        var shop = _chat.CreateAccount();
        const long group = -100_500;
        for (var i = 1; i <= 5; i++)
        {
            await _chat.Send($"/start WRONGCODE{i}");
        }

        var screen = await _chat.Send("/start " + _chat.Invite(shop.Id), chat: group);

        Assert.StartsWith(ChatFixture.Text("chat.link.tooMany"), screen.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Members.AccountsOf(ChatFixture.Owner));
    }

    [Fact]
    public async Task StartCode_RightCodeAfterFourWrong_Links()
    {
        var shop = _chat.CreateAccount();
        for (var i = 1; i <= 4; i++)
        {
            await _chat.Send($"/start WRONGCODE{i}");
        }

        var screen = await _chat.Send("/start " + _chat.Invite(shop.Id));

        Assert.StartsWith("Linked: you are the owner", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Press_AnyButton_EditsTheMenuMessageInPlace()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        var menu = _chat.LastShown();

        await _chat.Press("bal");

        var balance = _chat.LastShown();
        Assert.False(menu.Edited);
        Assert.True(balance.Edited);
        Assert.Equal(menu.MessageId, balance.MessageId);
    }

    [Fact]
    public async Task Start_AfterLinking_ShowsTheMenuAgain()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("bal");

        var screen = await _chat.Send("/start");

        Assert.Equal("<b>Flower shop</b>\nBalance: $0.00", screen.Text);
        Assert.Contains("top", _chat.ButtonsData());
    }

    [Fact]
    public async Task Text_OutsideAnAmountStep_AsksToUseTheButtons()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);

        var screen = await _chat.Send("hello");

        Assert.StartsWith(ChatFixture.Text("chat.useButtons"), screen.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task Invite_Owner_GetsACodeThatLinksAManager()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);

        var screen = await _chat.Press("invite");

        var code = Regex.Match(screen.Text, "/start ([A-Z0-9]{16})").Groups[1].Value;
        Assert.NotEmpty(code);
        var linked = await _chat.Send("/start " + code, user: 2002);
        Assert.StartsWith("Linked: you are the manager of <b>Flower shop</b>.", linked.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("invite", _chat.ButtonsData(2002));
    }

    [Fact]
    public async Task Invite_Manager_GetsOwnersOnlyAndNoCode()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id, Role.Manager, user: 2002);

        var screen = await _chat.Press("invite", user: 2002);

        Assert.Equal(ChatFixture.Text("chat.ownersOnly") + "\n\n<b>Flower shop</b>\nBalance: $0.00", screen.Text);
    }
}
