using BillingBot.Notifications;

namespace BillingBot.Tests.Notifications;

public sealed class QuietHoursTests
{
    [Theory]
    [InlineData("2022-09-29T21:59:00Z", "UTC", "2022-09-29T21:59:00Z")]
    [InlineData("2022-09-29T22:00:00Z", "UTC", "2022-09-30T08:00:00Z")]
    [InlineData("2022-09-30T03:00:00Z", "UTC", "2022-09-30T08:00:00Z")]
    [InlineData("2022-09-30T08:00:00Z", "UTC", "2022-09-30T08:00:00Z")]
    [InlineData("2022-09-29T20:00:00Z", "Europe/Moscow", "2022-09-30T05:00:00Z")]
    public void End_AroundTheNight_HeldUntilLocalMorning(string now, string zone, string expected) =>
        Assert.Equal(
            DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            QuietHours.End(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), zone, new NotificationOptions()));
}
