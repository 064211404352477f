using BillingBot.Billing.Invoices;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

public sealed class TopUpTests : IDisposable
{
    /// <summary>The amount step of an account with no charges yet: the amounts are days of its tariff, $3.33.</summary>
    private static readonly string FromTariff = ChatFixture.Text("chat.topUp.amount", ("min", "$1.00"), ("max", "$1,000,000.00")) + "\nEach amount is that many days of your daily tariff, $3.33.";

    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task TopUp_CustomAmountConfirmed_IssuesUnpaidInvoiceWithPaymentLink()
    {
        // PRODUCT example 1: balance 0 USD, Top up, 100, confirm.
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        Assert.Contains("Balance: $0.00", _chat.LastScreen().Text, StringComparison.Ordinal);

        await _chat.Press("top");
        var confirm = await _chat.Send("100");
        Assert.Equal("Top up <b>Flower shop</b> by <b>$100.00</b>?", confirm.Text);
        Assert.Equal(["ok", "m"], _chat.ButtonsData());
        var screen = await _chat.Press("ok");

        var invoice = Assert.Single(_chat.Billing.Invoices.List(shop.Id));
        Assert.Equal((100m, "USD", InvoiceStatus.Unpaid), (invoice.Amount, invoice.Currency, invoice.Status));
        Assert.Equal($"https://pay.example.com/bill/{invoice.Number}", invoice.PaymentLink);
        Assert.StartsWith($"Invoice {invoice.Number} is ready: pay it with the button below.\n\n<b>Invoices to pay</b>\n{invoice.Number} — $100.00, 29 September\n", screen.Text, StringComparison.Ordinal);
        var pay = Assert.Single(screen.Buttons.SelectMany(row => row), b => b.Url is not null);
        Assert.Equal(($"Pay {invoice.Number}", invoice.PaymentLink), (pay.Text, pay.Url));
        Assert.Null(pay.Data);
        Assert.Equal(DialogState.Invoices, _chat.Session().State);
    }

    [Fact]
    public async Task Invoices_UnpaidInvoice_ListedToPayWithCancelThatCancelsIt()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");
        await _chat.Send("100");
        await _chat.Press("ok");
        var number = Assert.Single(_chat.Billing.Invoices.List(shop.Id)).Number;
        await _chat.Press("m");

        var invoices = await _chat.Press("inv");

        Assert.Equal($"<b>Invoices to pay</b>\n{number} — $100.00, 29 September\n\n<b>Paid invoices</b>\nnone", invoices.Text);
        Assert.Equal($"Cancel {number}", _chat.ButtonWith($"cx:{number}").Text);

        var asked = await _chat.Press($"cx:{number}");

        // One tap does not cancel: the invoice stays until the question is answered.
        Assert.Equal($"Cancel invoice {number} for $100.00? A payment by its link will no longer be expected.", asked.Text);
        Assert.Equal(InvoiceStatus.Unpaid, _chat.Billing.Invoices.Get(number).Status);
        Assert.Equal(["ok", "inv"], _chat.ButtonsData());
        var cancelled = await _chat.Press("ok");

        Assert.Equal(InvoiceStatus.Cancelled, _chat.Billing.Invoices.Get(number).Status);
        Assert.Equal($"Invoice {number} is cancelled.\n\n<b>Invoices to pay</b>\nnone\n\n<b>Paid invoices</b>\nnone", cancelled.Text);
        Assert.DoesNotContain($"cx:{number}", _chat.ButtonsData());
    }

    [Fact]
    public async Task Invoices_PaidInvoice_MovesToPaid()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        var invoice = _chat.PayInvoice(shop.Id, 55.80m);

        var screen = await _chat.Press("inv");

        Assert.Equal($"<b>Invoices to pay</b>\nnone\n\n<b>Paid invoices</b>\n{invoice.Number} — $55.80, 29 September", screen.Text);
        Assert.DoesNotContain(screen.Buttons.SelectMany(row => row), b => b.Url is not null);
    }

    [Fact]
    public async Task TopUp_DailyChargesInHistory_OffersTenAndThirtyDaysOfTheLargest()
    {
        // PRODUCT example 2: charges 3.33, 3.33, 5.58 → 10 days = 55.80, 30 days = 167.40.
        var shop = _chat.CreateAccount();
        _chat.ChargeLastDays(shop.Id, 3.33m, 3.33m, 5.58m);
        await _chat.Link(shop.Id);

        var screen = await _chat.Press("top");

        // Yesterday's 5.58 is the largest day, and the screen says so.
        var yesterday = DateOnly.FromDateTime(_chat.Time.GetUtcNow().UtcDateTime).AddDays(-1);
        Assert.Equal(ChatFixture.Text("chat.topUp.amount", ("min", "$1.00"), ("max", "$1,000,000.00")) + $"\nEach amount is that many days of your largest daily charge in the last 30 days: $5.58 on {yesterday.ToString("d MMMM", System.Globalization.CultureInfo.GetCultureInfo("en"))}.", screen.Text);
        Assert.Equal(["amt:55.80", "amt:167.40", "m"], _chat.ButtonsData());
        Assert.Equal("10 days — $55.80", _chat.ButtonWith("amt:55.80").Text);
        Assert.Equal("30 days — $167.40", _chat.ButtonWith("amt:167.40").Text);
    }

    [Fact]
    public async Task TopUp_NoHistory_OffersTenAndThirtyDaysOfTheTariff()
    {
        var shop = _chat.CreateAccount(tariff: 3.33m);
        await _chat.Link(shop.Id);

        await _chat.Press("top");

        Assert.Equal(["amt:33.30", "amt:99.90", "m"], _chat.ButtonsData());
        Assert.Equal("10 days — $33.30", _chat.ButtonWith("amt:33.30").Text);
        Assert.Equal("30 days — $99.90", _chat.ButtonWith("amt:99.90").Text);
    }

    [Fact]
    public async Task TopUp_RecommendedAmountPressed_IssuesInvoiceForIt()
    {
        var shop = _chat.CreateAccount();
        _chat.ChargeLastDays(shop.Id, 3.33m, 3.33m, 5.58m);
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var confirm = await _chat.Press("amt:167.40");
        await _chat.Press("ok");

        Assert.Equal("Top up <b>Flower shop</b> by <b>$167.40</b>?", confirm.Text);
        Assert.Equal(167.40m, Assert.Single(_chat.Billing.Invoices.List(shop.Id)).Amount);
    }

    [Theory]
    [InlineData("100", "100", "$100.00")]
    [InlineData("100.50", "100.50", "$100.50")]
    [InlineData("100,50", "100.50", "$100.50")]
    [InlineData("1 000", "1000", "$1,000.00")]
    public async Task TopUp_AmountAsPeopleTypeIt_IsAcceptedAndInvoiced(string typed, string amount, string shown)
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var confirm = await _chat.Send(typed);
        await _chat.Press("ok");

        Assert.Equal($"Top up <b>Flower shop</b> by <b>{shown}</b>?", confirm.Text);
        Assert.Equal(ChatFixture.Decimal(amount), Assert.Single(_chat.Billing.Invoices.List(shop.Id)).Amount);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,000.00")]
    [InlineData("100 USD")]
    public async Task TopUp_NotAnAmount_GetsTheHintAndStaysInTheAmountStep(string typed)
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var screen = await _chat.Send(typed);

        Assert.Equal(ChatFixture.Text("chat.amountHint") + "\n\n" + FromTariff, screen.Text);
        Assert.Equal(DialogState.TopUpAmount, _chat.Session().State);
        var confirm = await _chat.Send("100");
        Assert.Equal("Top up <b>Flower shop</b> by <b>$100.00</b>?", confirm.Text);
    }

    [Theory]
    [InlineData("0", "The amount must be greater than zero, not 0.")]
    [InlineData("-5", "The amount must be greater than zero, not -5.")]
    [InlineData("100.505", "100.505 is too precise for USD: at most 2 digits after the point.")]
    public async Task TopUp_AmountRefused_ClearErrorNamingWhatWasTypedAtOnceAndNoInvoice(string typed, string error)
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var screen = await _chat.Send(typed);

        Assert.Equal(error + "\n\n" + FromTariff, screen.Text);
        Assert.Equal(DialogState.TopUpAmount, _chat.Session().State);
        await _chat.Press("ok");
        Assert.Empty(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task TopUp_BelowTheConfiguredMinimum_RefusedAsTypedAndNoInvoice()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var screen = await _chat.Send("0.50");

        // Said where it was typed, once, and the step asks again: no confirmation of an invoice that cannot be.
        Assert.StartsWith("An invoice must be at least $1.00, not $0.50.\n\n", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.TopUpAmount, _chat.Session().State);
        Assert.Empty(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task TopUp_AboveTheConfiguredMaximum_RefusedAsTypedAndNoInvoice()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var screen = await _chat.Send("1 000 001");

        Assert.StartsWith("An invoice can be at most $1,000,000.00, not $1,000,001.00.", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.TopUpAmount, _chat.Session().State);
        Assert.Empty(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task Confirm_PressedTwice_IssuesOneInvoice()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");
        await _chat.Send("100");
        await _chat.Press("ok");

        var second = await _chat.Press("ok");

        Assert.StartsWith(ChatFixture.Text("chat.stale"), second.Text, StringComparison.Ordinal);
        Assert.Single(_chat.Billing.Invoices.List(shop.Id));
    }
}
