using BillingBot.Documents;
using BillingBot.Localization;
using SkiaSharp;

namespace BillingBot.Tests.Documents;

public sealed class SpendingChartTests : IDisposable
{
    private readonly DocumentFixture _docs = new(new DateTimeOffset(2022, 9, 1, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void SpendingChart_FortyDaysOfCharges_DecodesAsAPngOfTheIntendedSize()
    {
        var shop = ChargedShop();

        var png = _docs.Documents.SpendingChart(shop, "en");

        using var bitmap = SKBitmap.Decode(png.Content);
        Assert.NotNull(bitmap);
        Assert.Equal((800, 400), (bitmap.Width, bitmap.Height));
        Assert.Equal(("spending-1-2022-10-11.png", "image/png"), (png.FileName, png.ContentType));
    }

    [Fact]
    public void SpendingChart_Russian_DrawsOtherTextsThanEnglish()
    {
        var shop = ChargedShop();

        var english = _docs.Documents.SpendingChart(shop, "en").Content;
        var russian = _docs.Documents.SpendingChart(shop, "ru").Content;

        using var bitmap = SKBitmap.Decode(russian);
        Assert.Equal(800, bitmap.Width);
        Assert.NotEqual(english, russian);
    }

    [Fact]
    public void Series_ChargesAndPayments_ChargesByTheirDayAndBalancesByDayEnd()
    {
        var shop = ChargedShop();
        var today = new DateOnly(2022, 10, 11);

        var statement = _docs.Billing.Accounts.Statement(shop, today.AddDays(-SpendingChart.Days), today);
        var (charges, balances) = new SpendingChart(new DocumentText(Localizer.Load(), "en", "UTC")).Series(statement, today);

        // The window is 11 September to 10 October: day i was charged i % 7 + 1, posted at noon the next day.
        Assert.Equal(Enumerable.Range(10, 30).Select(d => (double)((d % 7) + 1)), charges);
        // 500 paid on 1 September; by the end of 11 September the charges for 1–10 September (posted 2–11 September) are off it,
        // by the end of 10 October those through 9 October: the one for 10 October is posted today.
        Assert.Equal((double)(500 - Enumerable.Range(0, 10).Sum(d => (d % 7) + 1)), balances[0]);
        Assert.Equal((double)(500 - Enumerable.Range(0, 39).Sum(d => (d % 7) + 1)), balances[^1]);
    }

    /// <summary>500 paid on 1 September, then each day from 1 September to 10 October charged (day number % 7) + 1, at noon the day after.</summary>
    private int ChargedShop()
    {
        var shop = _docs.CreateAccount();
        _docs.Pay(shop.Id, 500m);
        for (var d = 0; d < 40; d++)
        {
            _docs.Time.SetUtcNow(new DateTimeOffset(2022, 9, 2, 12, 0, 0, TimeSpan.Zero).AddDays(d));
            _docs.Billing.Charges.Post(shop.Id, new DateOnly(2022, 9, 1).AddDays(d), (d % 7) + 1);
        }

        return shop.Id;
    }

    public void Dispose() => _docs.Dispose();

    [Theory]
    [InlineData(new[] { 13_000.0, 9_500.0, 9_000.0 })]
    [InlineData(new[] { 150.0, 88.0, 185.0 })]
    [InlineData(new[] { 0.0, 0.0 })]
    [InlineData(new[] { -40.0, -40.0 })]
    public void BalanceLimits_AnyBalances_EveryOneInsideWithRoomAboveAndBelow(double[] balances)
    {
        var (low, high) = SpendingChart.BalanceLimits(balances);

        // The line is never drawn on the frame, so never cut at the top or the bottom.
        Assert.True(low < balances.Min() && high > balances.Max(), $"{low}..{high}");
    }
}
