using BillingBot.Billing.Accounts;

namespace BillingBot.Billing.Tests.Accounts;

/// <summary>A time zone as a person types it: an id in any case, a city, or a whole-hour offset from UTC.</summary>
public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Moscow", "Europe/Moscow")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData("  ASIA/ALMATY ", "Asia/Almaty")]
    [InlineData("Moscow", "Europe/Moscow")]
    [InlineData("berlin", "Europe/Berlin")]
    [InlineData("new york", "America/New_York")]
    [InlineData("New_York", "America/New_York")]
    [InlineData("Москва", "Europe/Moscow")]
    [InlineData("санкт-петербург", "Europe/Moscow")]
    [InlineData("Владивосток", "Asia/Vladivostok")]
    [InlineData("UTC", "UTC")]
    [InlineData("UTC+3", "Etc/GMT-3")]
    [InlineData("utc +3", "Etc/GMT-3")]
    [InlineData("GMT-5", "Etc/GMT+5")]
    [InlineData("UTC−4", "Etc/GMT+4")]
    [InlineData("+03:00", "Etc/GMT-3")]
    [InlineData("UTC+0", "Etc/UTC")]
    [InlineData("UTC+14", "Etc/GMT-14")]
    public void Find_WhatAPersonTypes_IsItsIanaId(string typed, string id) => Assert.Equal(id, TimeZones.Find(typed));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus")]
    [InlineData("Atlantis")]
    [InlineData("UTC+5:30")]
    [InlineData("UTC+15")]
    [InlineData("UTC-13")]
    [InlineData("3")]
    public void Find_WhatNamesNoZone_IsNull(string typed) => Assert.Null(TimeZones.Find(typed));

    [Fact]
    public void UtcPlusThree_IsThreeHoursAheadAllYear_WithNoDaylightSaving()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZones.Find("UTC+3")!);

        Assert.False(zone.SupportsDaylightSavingTime);
        Assert.Equal(TimeSpan.FromHours(3), zone.GetUtcOffset(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.FromHours(3), zone.GetUtcOffset(new DateTimeOffset(2026, 7, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void AccountCreated_WithATypedZone_KeepsItsIanaId_AndAnUnknownOneIsRefused()
    {
        using var f = new BillingFixture();

        var account = f.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 1m, TimeZone: "moscow"));
        var refused = Assert.Throws<BillingException>(() => f.Billing.Accounts.Create(new NewAccount("Bakery", "USD", 1m, TimeZone: "Atlantis")));

        Assert.Equal("Europe/Moscow", f.Billing.Accounts.Get(account.Id).TimeZone);
        Assert.Equal(BillingError.UnknownTimeZone, refused.Error);
        Assert.Single(f.Billing.Accounts.List());
    }
}
