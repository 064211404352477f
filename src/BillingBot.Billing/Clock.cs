namespace BillingBot.Billing;

/// <summary>Billing days: the calendar date of an instant in an account's time zone.</summary>
public static class Clock
{
    public static TimeZoneInfo Zone(string ianaId)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            throw new BillingException(BillingError.UnknownTimeZone, ("zone", ianaId));
        }
    }

    /// <summary>The calendar date of <paramref name="instant"/> in the zone.</summary>
    public static DateOnly Day(DateTimeOffset instant, string ianaId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone(ianaId)).DateTime);

    public static DateOnly Today(this TimeProvider time, string ianaId) => Day(time.GetUtcNow(), ianaId);

    /// <summary>The instant a billing day begins in <paramref name="zone"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // Where a clock change skips midnight, the day begins at its first minute that exists.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The latest calendar date anywhere at <paramref name="instant"/>: no zone is more than 14 hours ahead of UTC.</summary>
    public static DateOnly LatestDay(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime.AddHours(14));
}
