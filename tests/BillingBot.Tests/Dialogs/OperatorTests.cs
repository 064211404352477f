using BillingBot.Billing.Accounts;
using BillingBot.Billing.Members;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>The provider's operators (Telegram:AdminIds) in their private chat: any account found and its card; nobody else gets there.</summary>
public sealed class OperatorTests : IDisposable
{
    private const long Operator = 9009;
    private const long Group = -100500;

    private readonly ChatFixture _chat = new();
    private readonly Account _shop;

    public OperatorTests()
    {
        _chat.Options.UseOperators([Operator]);
        _shop = _chat.Billing.Accounts.Create(new NewAccount("Flower shop «Роза»", "USD", 3.33m, ExternalId: "crm-77"));
        _chat.Billing.Accounts.Create(new NewAccount("Bookshop", "USD", 1m));
        _chat.Billing.Members.Redeem(_chat.Invite(_shop.Id, Role.Owner), ChatFixture.Owner, "Anna");
        _chat.Pay(_shop.Id, 100m);
        _chat.Billing.Invoices.Issue(_shop.Id, 55.80m, "k1");
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Operator_Start_FindsByAPartOfTheNameInAnyCaseAndOpensTheCard()
    {
        var start = await _chat.Send("/start", user: Operator);
        Assert.StartsWith("<b>Operator</b>\nFind an account", start.Text, StringComparison.Ordinal);

        var found = await _chat.Send("FLOWER", user: Operator);

        Assert.Equal("Accounts for “FLOWER”:", found.Text);
        Assert.Equal([$"op:{_shop.Id}"], _chat.ButtonsData(Operator));
        Assert.Equal("#1 Flower shop «Роза» — $100.00", BillingBot.Chat.ChatText.Plain(_chat.ButtonWith($"op:{_shop.Id}", Operator).Text));

        var card = await _chat.Press($"op:{_shop.Id}", user: Operator);

        Assert.StartsWith("<b>#1 Flower shop «Роза»</b> (customer, external id crm-77)\nBalance: $100.00. The money lasts about 30 days", card.Text, StringComparison.Ordinal);
        Assert.Contains("Members: Anna (owner)", card.Text, StringComparison.Ordinal);
        Assert.Contains("Unpaid invoices: 1 ($55.80)", card.Text, StringComparison.Ordinal);
        Assert.Contains("Promised payments owed: none", card.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.OperatorAccount, _chat.Session(Operator).State);

        await _chat.Press("opb", user: Operator);
        Assert.Equal(DialogState.OperatorResults, _chat.Session(Operator).State);
    }

    [Theory]
    [InlineData("2", "Bookshop")]
    [InlineData("#1", "Flower shop")]
    [InlineData("crm-77", "Flower shop")]
    [InlineData("роза", "Flower shop")]
    public async Task Operator_FindsByIdExternalIdOrName(string typed, string name)
    {
        await _chat.Send("/operator", user: Operator);

        await _chat.Send(typed, user: Operator);

        Assert.StartsWith(name, BillingBot.Chat.ChatText.Plain(_chat.Output.ShownIn(Operator).Last().Screen.Buttons[0][0].Text).Split(' ', 2)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_NothingFound_SaysSoAndTakesAnotherSearch()
    {
        await _chat.Send("/operator", user: Operator);

        var none = await _chat.Send("bakery", user: Operator);
        var again = await _chat.Send("book", user: Operator);

        Assert.Equal("No account for “bakery”. Type another part of a name, an id or an external id.", none.Text);
        Assert.Equal("Accounts for “book”:", again.Text);
    }

    [Fact]
    public async Task Customer_OperatorCommandAndForgedPresses_SeeNoAccountOfOthers()
    {
        await _chat.Send("/menu");
        var command = await _chat.Send("/operator");
        var forgedFind = await _chat.Press("op");
        var forgedCard = await _chat.Press($"op:{_shop.Id + 1}");

        Assert.DoesNotContain("op", _chat.ButtonsData());
        Assert.DoesNotContain("Operator", command.Text, StringComparison.Ordinal);
        Assert.StartsWith(ChatFixture.Text("chat.stale"), forgedFind.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bookshop", forgedCard.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
    }

    [Fact]
    public async Task Operator_TakenOffTheList_SeesTheCardNoMore()
    {
        await _chat.Send("/operator", user: Operator);
        await _chat.Send("flower", user: Operator);
        await _chat.Press($"op:{_shop.Id}", user: Operator);

        _chat.Options.UseOperators([]);
        var after = await _chat.Send("anything", user: Operator);

        Assert.DoesNotContain("Flower shop", after.Text, StringComparison.Ordinal);
        Assert.EndsWith(ChatFixture.Text("chat.notLinked"), after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_InAGroup_IsNoOperatorThere()
    {
        var screen = await _chat.Send("/operator", user: Operator, chat: Group);

        Assert.DoesNotContain("Operator", screen.Text, StringComparison.Ordinal);
        Assert.NotEqual(DialogState.OperatorFind, _chat.Session(Group).State);
    }
}
