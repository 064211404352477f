using System.Globalization;
using BillingBot.Billing;

namespace BillingBot.Notifications;

/// <summary>When an alert may go out: at once, or when the chat's quiet hours end.</summary>
internal static class QuietHours
{
    /// <summary><paramref name="now"/> outside quiet hours; otherwise the instant they end in <paramref name="zone"/>.</summary>
    public static DateTimeOffset End(DateTimeOffset now, string zone, NotificationOptions options)
    {
        var tz = Clock.Zone(zone);
        var local = TimeZoneInfo.ConvertTime(now, tz);
        var start = TimeOnly.ParseExact(options.QuietHoursStart, "HH:mm", CultureInfo.InvariantCulture);
        var end = TimeOnly.ParseExact(options.QuietHoursEnd, "HH:mm", CultureInfo.InvariantCulture);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = start <= end ? time >= start && time < end : time >= start || time < end;
        if (!quiet)
        {
            return now;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        var endDay = time >= end ? day.AddDays(1) : day;
        var endLocal = endDay.ToDateTime(end);
        return new DateTimeOffset(endLocal, tz.GetUtcOffset(endLocal));
    }
}
