using BillingBot.Billing.Accounts;

namespace BillingBot.Billing.Tests.Accounts;

/// <summary>An account's recent daily charges, as each service charge adds to them.</summary>
public sealed class ForecastTests
{
    private static readonly DateOnly Day = new(2022, 9, 29);

    [Fact]
    public void Add_ADayAfterAll_AppendedAndDaysBeforeTheWindowLeftOut()
    {
        var month = Enumerable.Range(1, 40).Select(d => new DailyCharge(Day.AddDays(-d), d)).Reverse().ToList();

        var added = Forecast.Add(month, Day, 3.33m);

        Assert.Equal(new DailyCharge(Day, 3.33m), added[^1]);
        Assert.Equal(Day.AddDays(-(Forecast.LargestWindowDays + 5)), added[0].Date);
        Assert.Equal(added.OrderBy(c => c.Date), added);
        Assert.Equal(Forecast.LargestWindowDays + 6, added.Count);
    }

    [Fact]
    public void Add_TheSameDayAgain_Summed()
    {
        var added = Forecast.Add(Forecast.Add([], Day, 3.33m), Day, 1.5m);

        Assert.Equal([new DailyCharge(Day, 4.83m)], added);
    }

    [Fact]
    public void Add_AnEarlierDay_InItsPlace()
    {
        IReadOnlyList<DailyCharge> charges = [new(Day.AddDays(-2), 1m), new(Day, 3m)];

        var added = Forecast.Add(charges, Day.AddDays(-1), 2m);

        Assert.Equal([new(Day.AddDays(-2), 1m), new(Day.AddDays(-1), 2m), new(Day, 3m)], added);
    }

    [Fact]
    public void Of_RecommendsDaysOfTheLargestDayOfTheLast30_TheLatestOfEqualOnes_AndSaysWhichDay()
    {
        var account = new Account
        {
            Currency = "USD",
            DailyTariff = 3.33m,
            RecentCharges = [new(Day.AddDays(-40), 100m), new(Day.AddDays(-5), 7m), new(Day.AddDays(-3), 9m), new(Day.AddDays(-1), 9m)],
        };

        var forecast = Forecast.Of(account, Day);

        Assert.Equal(9m, forecast.LargestDailyCharge);
        Assert.Equal(Day.AddDays(-1), forecast.LargestOn);
        Assert.Equal((90m, 270m), (forecast.TenDays, forecast.ThirtyDays));
    }

    [Fact]
    public void Of_NoDayCharged_RecommendsDaysOfTheTariff_AndNamesNoDay()
    {
        var forecast = Forecast.Of(new Account { Currency = "USD", DailyTariff = 3.33m }, Day);

        Assert.Equal(3.33m, forecast.LargestDailyCharge);
        Assert.Null(forecast.LargestOn);
        Assert.Equal(33.30m, forecast.TenDays);
    }
}
