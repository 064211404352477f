using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Members;
using BillingBot.Chat;

namespace BillingBot.Tests.Dialogs;

/// <summary>A group chat where people of different accounts and roles write in turn.</summary>
public sealed class GroupChatTests : IDisposable
{
    private const long Group = -100500;
    private const long Stranger = 4004;
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    private Task Say(long user, string text) =>
        _chat.Engine.HandleAsync(new Incoming(_chat.NextUpdateId(), Group, user, "en", Text: text), _chat.Output, CancellationToken.None);

    private Task Press(long user, string data) =>
        _chat.Engine.HandleAsync(new Incoming(_chat.NextUpdateId(), Group, user, "en", Callback: data, CallbackId: "cb", MessageId: _chat.Output.ShownIn(Group).LastOrDefault()?.MessageId), _chat.Output, CancellationToken.None);

    [Fact]
    public async Task Say_StrangerWhileTheOwnerIsOnAClient_TheirOwnMenuNoError()
    {
        var agency = _chat.Billing.Accounts.Create(new NewAccount("Agency", "RUB", 0m, AccountKind.Agency));
        var client = _chat.Billing.Accounts.Create(new NewAccount("Client", "RUB", 0m, AgencyId: agency.Id));
        _chat.Join(agency.Id);
        _chat.Join(_chat.CreateAccount("Stranger's shop").Id, user: Stranger);
        await Say(ChatFixture.Owner, "/menu");
        await Press(ChatFixture.Owner, "cl");
        await Press(ChatFixture.Owner, $"cl:{client.Id}");

        await Say(Stranger, "hello");

        Assert.Contains("Stranger's shop", _chat.LastScreen(Group).Text, StringComparison.Ordinal);
        Assert.Equal(BillingBot.Dialogs.DialogState.Menu, _chat.Session(Group).State);
    }

    [Fact]
    public async Task Say_AmountFromSomeoneWithoutAnAccount_NothingHappens()
    {
        var shop = _chat.CreateAccount();
        _chat.Join(shop.Id);
        await Say(ChatFixture.Owner, "/menu");
        await Press(ChatFixture.Owner, "top");

        await Say(Stranger, "100");

        Assert.StartsWith(ChatFixture.Text("chat.notLinked")[..20], _chat.LastScreen(Group).Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task Say_ManagerTypesLowBalanceDaysInTheOwnersStep_RefusedAndUnchanged()
    {
        const long Manager = 5005;
        var shop = _chat.CreateAccount();
        _chat.Join(shop.Id);
        _chat.Join(shop.Id, user: Manager, role: Role.Manager);
        await Say(ChatFixture.Owner, "/menu");
        await Press(ChatFixture.Owner, "set");
        await Press(ChatFixture.Owner, "thr");

        await Say(Manager, "0");

        Assert.Equal(3, _chat.Billing.Accounts.Get(shop.Id).LowBalanceDays);
        Assert.StartsWith("Only the account owner can do that.", _chat.LastScreen(Group).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Press_RuleToggleHandledTwice_StaysAsAskedFor()
    {
        var agency = _chat.Billing.Accounts.Create(new NewAccount("Agency", "RUB", 0m, AccountKind.Agency));
        var client = _chat.Billing.Accounts.Create(new NewAccount("Client", "RUB", 0m, AgencyId: agency.Id));
        _chat.Billing.Agency.SetRule(client.Id, 500m, 0m, 2_000m, LimitPeriod.Day);
        await _chat.Link(agency.Id);
        await _chat.Press("cl");
        await _chat.Press($"cl:{client.Id}");

        await _chat.Press("ruletoggle:off");
        await _chat.Press("ruletoggle:off");

        Assert.False(_chat.Billing.Agency.Rule(client.Id)!.Enabled);
    }
}
