namespace BillingBot.Tests.Dialogs;

/// <summary>Text from users and operators is escaped for Telegram's HTML parse mode.</summary>
public sealed class EscapingTests : IDisposable
{
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Menu_AccountNameWithHtml_IsEscaped()
    {
        var tom = _chat.CreateAccount(name: "<b>Tom & Jerry</b>");

        var linked = await _chat.Link(tom.Id);
        var balance = await _chat.Press("bal");

        Assert.Equal("Linked: you are the owner of <b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</b>.\n\n<b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</b>\nBalance: $0.00", linked.Text);
        Assert.StartsWith("<b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</b>\nBalance: <b>$0.00</b>", balance.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Tom", balance.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopUpAndHistory_AccountNameWithHtml_IsEscaped()
    {
        var tom = _chat.CreateAccount(name: "<b>Tom & Jerry</b>");
        await _chat.Link(tom.Id);
        await _chat.Press("top");

        var confirm = await _chat.Send("100");
        await _chat.Press("m");
        var history = await _chat.Press("hist");

        Assert.Equal("Top up <b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</b> by <b>$100.00</b>?", confirm.Text);
        Assert.StartsWith("<b>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</b>: balance history", history.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_ChargeNoteWithHtml_IsEscaped()
    {
        var shop = _chat.CreateAccount();
        _chat.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 28), 5.58m, note: "<i>Ads</i> & more");
        await _chat.Link(shop.Id);

        var screen = await _chat.Press("hist");

        Assert.Equal("29.09.2022  -$5.58  Usage charge for 28.09.2022: &lt;i&gt;Ads&lt;/i&gt; &amp; more", screen.Text.Split('\n')[1]);
    }

    [Fact]
    public async Task CancelInvoice_ForgedNumberWithHtml_IsEscapedInTheError()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("inv");

        var screen = await _chat.Press("cx:<b>1</b>");

        Assert.StartsWith("There is no invoice &lt;b&gt;1&lt;/b&gt;.", screen.Text, StringComparison.Ordinal);
    }
}
