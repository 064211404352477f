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

    public static DateOnly Today(this TimeProvider time, string ianaId) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone(ianaId)).DateTime);
}
