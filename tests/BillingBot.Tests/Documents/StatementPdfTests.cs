namespace BillingBot.Tests.Documents;

public sealed class StatementPdfTests : IDisposable
{
    private static readonly DateOnly September = new(2022, 9, 1);

    private readonly DocumentFixture _docs = new(new DateTimeOffset(2022, 8, 31, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void StatementPdf_MonthInMoscow_HoldsOpeningEntriesAndClosingInRussian()
    {
        var shop = StatementMonths.MoscowShop(_docs);

        var pdf = _docs.Documents.StatementPdf(shop.Id, September.AddDays(14), "ru");

        var text = Assert.Single(DocumentFixture.Pages(pdf));
        Assert.Equal("statement-1-2022-09.pdf", pdf.FileName);
        Assert.Contains("Выписка по лицевому счёту № 1 Цветочный магазин за сентябрь 2022", text, StringComparison.Ordinal);
        Assert.Contains("Период: 01.09.2022 – 30.09.2022, часовой пояс Europe/Moscow", text, StringComparison.Ordinal);
        Assert.Contains("Входящий остаток на 01.09.2022: 990,00 ₽", text, StringComparison.Ordinal);
        Assert.Contains("01.09.2022 Плата за использование за 01.09.2022 \u221220,00 ₽ 970,00 ₽", text, StringComparison.Ordinal);
        Assert.Contains("+500,00 ₽", text, StringComparison.Ordinal);
        Assert.Contains("Поступления: 500,00 ₽; списания: 50,00 ₽", text, StringComparison.Ordinal);
        Assert.Contains("Исходящий остаток на 30.09.2022: 1 440,00 ₽", text, StringComparison.Ordinal);
        Assert.Contains("Страница 1 из 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u221210,00 ₽", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u221240,00 ₽", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementPdf_ManyEntries_SpansPagesWithTheHeaderOnEachAndClosingOnTheLast()
    {
        var shop = _docs.CreateAccount();
        _docs.Pay(shop.Id, 1000m);
        for (var i = 0; i < 150; i++)
        {
            _docs.ChargeAt(shop, new DateTimeOffset(2022, 9, 1, 0, 0, 0, TimeSpan.Zero).AddHours(4 * i), 1m);
        }

        _docs.Time.SetUtcNow(new DateTimeOffset(2022, 10, 2, 9, 0, 0, TimeSpan.Zero));
        var pages = DocumentFixture.Pages(_docs.Documents.StatementPdf(shop.Id, September, "en"));

        Assert.InRange(pages.Count, 3, 5);
        for (var page = 0; page < pages.Count; page++)
        {
            Assert.Contains($"Page {page + 1} of {pages.Count}", pages[page], StringComparison.Ordinal);
            Assert.Contains("Date Description Amount Balance", pages[page], StringComparison.Ordinal);
        }

        Assert.Contains("Opening balance, 01.09.2022: $1,000.00", pages[0], StringComparison.Ordinal);
        Assert.Contains("Closing balance, 30.09.2022: $850.00", pages[^1], StringComparison.Ordinal);
        Assert.Single(pages, p => p.Contains("Closing balance", StringComparison.Ordinal));
        Assert.Equal(150, pages.Sum(p => CountOf(p, "Usage charge for")));
    }

    [Fact]
    public void StatementPdf_MonthStillRunning_ClosesAtTheMomentMadeAndShowsPromisedPaymentsApart()
    {
        var shop = _docs.CreateAccount();
        _docs.Time.SetUtcNow(new DateTimeOffset(2022, 9, 20, 8, 30, 0, TimeSpan.Zero));
        _docs.Pay(shop.Id, 100m);
        _docs.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 19), 5m);
        _docs.Billing.Promises.Take(shop.Id, 10m, "promise-1");
        _docs.Time.SetUtcNow(new DateTimeOffset(2022, 9, 21, 14, 5, 0, TimeSpan.Zero));

        var text = Assert.Single(DocumentFixture.Pages(_docs.Documents.StatementPdf(shop.Id, September, "en")));

        // Made on 21 September: neither the period nor the closing balance speaks of a day still to come.
        Assert.Contains("Period: 01.09.2022 – 21.09.2022", text, StringComparison.Ordinal);
        Assert.Contains("Balance at 21.09.2022 14:05: $105.00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("30.09.2022", text, StringComparison.Ordinal);
        // Money in is what was paid; the promised payment, credited but owed, is apart.
        Assert.Contains("Money in: $100.00; money out: $5.00", text, StringComparison.Ordinal);
        Assert.Contains("Promised payments credited (to be repaid): $10.00", text, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementPdf_AnyNumberOfEntries_TotalsNeverAloneOnTheLastPage()
    {
        var shop = _docs.CreateAccount();
        _docs.Pay(shop.Id, 1000m);
        var start = new DateTimeOffset(2022, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var spilled = 0;
        for (var i = 0; i < 110; i++)
        {
            _docs.ChargeAt(shop, start.AddHours(6 * i), 1m);
            if (i < 30)
            {
                continue;
            }

            var pages = DocumentFixture.Pages(_docs.Documents.StatementPdf(shop.Id, September, "en"));
            // Each count of rows, as entries are added one by one: the last page has rows above its totals (September
            // is still running, so the balance is told at the moment the statement is made).
            Assert.Contains("Balance at", pages[^1], StringComparison.Ordinal);
            Assert.Contains("Usage charge for", pages[^1], StringComparison.Ordinal);
            spilled += pages.Count > 1 ? 1 : 0;
        }

        Assert.True(spilled > 0, "some count of rows must need a second page");
    }

    [Fact]
    public void StatementPdf_LongNote_WrapsWithoutLosingAWord()
    {
        var shop = _docs.CreateAccount();
        var note = string.Join(' ', Enumerable.Range(1, 40).Select(i => $"word{i}"));
        _docs.Time.SetUtcNow(new DateTimeOffset(2022, 9, 2, 10, 0, 0, TimeSpan.Zero));
        _docs.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 1), 5m, note);

        using var document = UglyToad.PdfPig.PdfDocument.Open(_docs.Documents.StatementPdf(shop.Id, September, "en").Content);

        var words = document.GetPage(1).GetWords().Select(w => w.Text).ToHashSet(StringComparer.Ordinal);
        Assert.All(note.Split(' '), word => Assert.Contains(word, words));
    }

    [Fact]
    public void StatementPdf_QuietMonth_SaysSoAndClosesAtTheOpeningBalance()
    {
        var shop = StatementMonths.MoscowShop(_docs);
        _docs.Time.SetUtcNow(new DateTimeOffset(2022, 12, 1, 9, 0, 0, TimeSpan.Zero));

        var text = Assert.Single(DocumentFixture.Pages(_docs.Documents.StatementPdf(shop.Id, new DateOnly(2022, 11, 1), "en")));

        Assert.Contains("No entries in this period.", text, StringComparison.Ordinal);
        Assert.Contains("Opening balance, 01.11.2022: ₽1,400.00", text, StringComparison.Ordinal);
        Assert.Contains("Closing balance, 30.11.2022: ₽1,400.00", text, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public void Dispose() => _docs.Dispose();
}
