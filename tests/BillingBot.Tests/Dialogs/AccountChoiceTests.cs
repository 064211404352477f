using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>A user with several accounts picks one; the choice is remembered.</summary>
public sealed class AccountChoiceTests : IDisposable
{
    private readonly ChatFixture _chat = new();
    private readonly int _shop;
    private readonly int _bakery;

    public AccountChoiceTests()
    {
        _shop = _chat.CreateAccount().Id;
        _bakery = _chat.CreateAccount("Bakery", "RUB", 150m).Id;
        _chat.Pay(_bakery, 1000m);
        _chat.Join(_shop);
        _chat.Join(_bakery);
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Start_TwoAccounts_AsksWhichOneListingBoth()
    {
        var screen = await _chat.Send("/start");

        Assert.Equal(ChatFixture.Text("chat.chooseAccount"), screen.Text);
        // One button per account, each on its own row; the order is not part of the contract.
        Assert.Equal(2, screen.Buttons.Count);
        Assert.Equivalent(new[] { $"acc:{_shop}", $"acc:{_bakery}" }, _chat.ButtonsData(), strict: true);
        Assert.Equal("Flower shop", _chat.ButtonWith($"acc:{_shop}").Text);
        Assert.Equal("Bakery", _chat.ButtonWith($"acc:{_bakery}").Text);
    }

    [Fact]
    public async Task Pick_OneOfTwo_ShowsItsMenuAndIsRemembered()
    {
        await _chat.Send("/start");

        var menu = await _chat.Press($"acc:{_bakery}");

        Assert.Equal("<b>Bakery</b>\nBalance: ₽1,000.00", menu.Text);
        Assert.Contains("acc", _chat.ButtonsData());
        Assert.Equal(_bakery, _chat.Session().AccountId);

        await _chat.Send("/start");
        Assert.StartsWith("<b>Bakery</b>", _chat.LastScreen().Text, StringComparison.Ordinal);

        _chat.Restart();
        var balance = await _chat.Press("bal");
        Assert.StartsWith("<b>Bakery</b>\nBalance: <b>₽1,000.00</b>", balance.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherAccount_FromTheMenu_SwitchesToTheOther()
    {
        await _chat.Send("/start");
        await _chat.Press($"acc:{_bakery}");

        var choose = await _chat.Press("acc");
        Assert.Equal(ChatFixture.Text("chat.chooseAccount"), choose.Text);
        Assert.Equal(DialogState.ChooseAccount, _chat.Session().State);
        var menu = await _chat.Press($"acc:{_shop}");

        Assert.Equal("<b>Flower shop</b>\nBalance: $0.00", menu.Text);
        Assert.Equal((_shop, DialogState.Menu), (_chat.Session().AccountId, _chat.Session().State));
    }

    [Fact]
    public async Task TopUp_AfterPicking_ActsOnThePickedAccountOnly()
    {
        await _chat.Send("/start");
        await _chat.Press($"acc:{_bakery}");
        await _chat.Press("top");

        await _chat.Send("500");
        await _chat.Press("ok");

        Assert.Equal(500m, Assert.Single(_chat.Billing.Invoices.List(_bakery)).Amount);
        Assert.Empty(_chat.Billing.Invoices.List(_shop));
    }

    [Fact]
    public async Task Link_SecondAccountByCode_ShowsTheNewlyLinkedAccount()
    {
        var third = _chat.CreateAccount("Bookshop").Id;
        await _chat.Send("/start");
        await _chat.Press($"acc:{_shop}");

        var screen = await _chat.Link(third);

        Assert.StartsWith("Linked: you are the owner of <b>Bookshop</b>.\n\n<b>Bookshop</b>", screen.Text, StringComparison.Ordinal);
        Assert.Equal(third, _chat.Session().AccountId);
    }
}
