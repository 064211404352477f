using BillingBot.Billing.Members;
using BillingBot.Dialogs;
using BillingBot.Documents;
using BillingBot.Tests.Documents;
using SkiaSharp;

namespace BillingBot.Tests.Dialogs;

/// <summary>Documents asked for in the chat: the invoice PDF, the month's statement as PDF or CSV, the spending chart.</summary>
public sealed class DocumentChatTests : IDisposable
{
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Invoices_PdfOfAnUnpaidInvoice_SentBelowTheInvoicesScreen()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        var invoice = _chat.Billing.Invoices.Issue(shop.Id, 120.50m, "k1");
        await _chat.Press("inv");
        Assert.Contains($"pdf:{invoice.Number}", _chat.ButtonsData());

        var screen = await _chat.Press($"pdf:{invoice.Number}");

        var sent = Assert.Single(_chat.Output.FilesIn(ChatFixture.Owner));
        Assert.Equal(($"invoice-{invoice.Number}.pdf", DocumentService.Pdf), (sent.File.FileName, sent.File.ContentType));
        Assert.Equal($"Invoice <b>{invoice.Number}</b>", sent.Caption);
        var text = Assert.Single(DocumentFixture.Pages(sent.File));
        Assert.Contains($"Invoice {invoice.Number}", text, StringComparison.Ordinal);
        Assert.Contains("Total: $120.50", text, StringComparison.Ordinal);
        Assert.Contains("Payer: Flower shop", text, StringComparison.Ordinal);
        Assert.StartsWith("📎 Sent as a file.\n\n<b>Invoices to pay</b>", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Invoices, _chat.Session().State);
    }

    [Fact]
    public async Task Invoices_PaidInvoice_OffersItsPdfInRussian()
    {
        var shop = _chat.CreateAccount("Цветы", "RUB");
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");
        await _chat.Link(shop.Id);
        var paid = _chat.PayInvoice(shop.Id, 1_000m);
        await _chat.Press("inv");

        var button = _chat.ButtonWith($"pdf:{paid.Number}");
        await _chat.Press($"pdf:{paid.Number}");

        Assert.Equal($"📄 Счёт {paid.Number} в PDF", button.Text);
        var sent = Assert.Single(_chat.Output.FilesIn(ChatFixture.Owner));
        Assert.Equal($"Счёт <b>{paid.Number}</b>", sent.Caption);
        Assert.Contains("Статус: оплачен", Assert.Single(DocumentFixture.Pages(sent.File)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvoicePdf_AnotherAccountsOrAnUnknownInvoice_RefusedAndNothingSent()
    {
        var shop = _chat.CreateAccount();
        var other = _chat.CreateAccount("Bakery");
        await _chat.Link(shop.Id);
        var theirs = _chat.Billing.Invoices.Issue(other.Id, 50m, "k1");

        var forged = await _chat.Press($"pdf:{theirs.Number}");
        var unknown = await _chat.Press("pdf:AAAAA-BBBBB");

        Assert.StartsWith(ChatFixture.Text("chat.forbidden"), forged.Text, StringComparison.Ordinal);
        Assert.StartsWith("There is no invoice AAAAA-BBBBB.", unknown.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Output.FilesIn(ChatFixture.Owner));
    }

    [Fact]
    public async Task Statement_FromHistory_OffersEachMonthSinceTheAccountOpenedAsPdfAndCsv()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        _chat.Pay(shop.Id, 100m);
        _chat.Time.Advance(TimeSpan.FromDays(40));
        _chat.ChargeLastDays(shop.Id, 3.33m, 3.33m);
        await _chat.Press("hist");

        var screen = await _chat.Press("st");

        Assert.Equal(DialogState.Statement, _chat.Session().State);
        Assert.Equal(["st:2022-11:pdf", "st:2022-11:csv", "st:2022-10:pdf", "st:2022-10:csv", "st:2022-09:pdf", "st:2022-09:csv", "hist", "m"], _chat.ButtonsData());
        Assert.Equal("October 2022 · CSV", _chat.ButtonWith("st:2022-10:csv").Text);
        Assert.StartsWith("<b>Flower shop</b>: monthly statement", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementFile_CsvThenPdf_BothSentForThatMonth()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        _chat.Pay(shop.Id, 100m);
        _chat.ChargeLastDays(shop.Id, 3.33m, 2.25m);
        await _chat.Press("hist");
        await _chat.Press("st");

        await _chat.Press("st:2022-09:csv");
        await _chat.Press("st:2022-09:pdf");

        var files = _chat.Output.FilesIn(ChatFixture.Owner);
        Assert.Equal([("statement-1-2022-09.csv", DocumentService.Csv), ("statement-1-2022-09.pdf", DocumentService.Pdf)], files.Select(f => (f.File.FileName, f.File.ContentType)));
        Assert.All(files, f => Assert.Equal("<b>Flower shop</b>: statement for September 2022", f.Caption));
        var csv = System.Text.Encoding.UTF8.GetString(files[0].File.Content);
        Assert.Contains("-3.33", csv, StringComparison.Ordinal);
        Assert.Contains("100.00", csv, StringComparison.Ordinal);
        Assert.Contains("Flower shop", string.Join(' ', DocumentFixture.Pages(files[1].File)), StringComparison.Ordinal);
        Assert.Equal(DialogState.Statement, _chat.Session().State);
    }

    [Fact]
    public async Task StatementFile_InRussian_CaptionNamesTheMonthInLowerCase()
    {
        var shop = _chat.CreateAccount("Цветы", "RUB");
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");
        await _chat.Link(shop.Id);
        await _chat.Press("st");

        Assert.Equal("Сентябрь 2022 · PDF", _chat.ButtonWith("st:2022-09:pdf").Text);
        await _chat.Press("st:2022-09:pdf");

        Assert.Equal("<b>Цветы</b>: выписка за сентябрь 2022", Assert.Single(_chat.Output.FilesIn(ChatFixture.Owner)).Caption);
    }

    [Theory]
    [InlineData("st:2022-10:pdf")] // a month still to come
    [InlineData("st:2022-08:pdf")] // before the account opened
    [InlineData("st:2022-09:doc")]
    [InlineData("st:22-9:pdf")]
    public async Task StatementFile_MonthOrFormatNotOffered_StaleAndNothingSent(string data)
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("st");

        var screen = await _chat.Press(data);

        Assert.StartsWith(ChatFixture.Text("chat.stale"), screen.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Output.FilesIn(ChatFixture.Owner));
    }

    [Fact]
    public async Task Statement_AccountOpenedLongAgo_OffersTheLastSixMonths()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        _chat.Time.Advance(TimeSpan.FromDays(400));

        await _chat.Press("st");

        var months = _chat.ButtonsData().Where(d => d.EndsWith(":pdf", StringComparison.Ordinal)).ToList();
        Assert.Equal(ChatActions.StatementMonthsOffered, months.Count);
        Assert.Equal(["st:2023-11:pdf", "st:2023-06:pdf"], [months[0], months[^1]]);
    }

    [Fact]
    public async Task Chart_FromBalance_SendsThePngOfTheLastThirtyDays()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        _chat.Pay(shop.Id, 100m);
        _chat.ChargeLastDays(shop.Id, 3.33m, 3.33m, 5m);
        await _chat.Press("bal");

        var screen = await _chat.Press("chart");

        var sent = Assert.Single(_chat.Output.FilesIn(ChatFixture.Owner));
        Assert.Equal(DocumentService.Png, sent.File.ContentType);
        Assert.Equal("<b>Flower shop</b>: daily charges of the last 30 days and the balance", sent.Caption);
        using var image = SKBitmap.Decode(sent.File.Content);
        Assert.Equal((800, 400), (image.Width, image.Height));
        Assert.Equal(DialogState.Balance, _chat.Session().State);
        Assert.StartsWith("📎 Sent as a file.\n\n<b>Flower shop</b>", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_Manager_GetsThemToo()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id, Role.Manager);

        await _chat.Press("chart");
        await _chat.Press("st:2022-09:csv");

        Assert.Equal(2, _chat.Output.FilesIn(ChatFixture.Owner).Count);
    }
}
