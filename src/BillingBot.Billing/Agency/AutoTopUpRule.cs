namespace BillingBot.Billing.Agency;

public enum LimitPeriod
{
    Day,
    Week,
    Month,
}

/// <summary>An agency's standing order to top up one client whose balance falls to a threshold.</summary>
public sealed record AutoTopUpRule
{
    /// <summary>The client's account id (one rule per client).</summary>
    public int Id { get; init; }

    public int AgencyId { get; init; }
    public decimal Amount { get; init; }
    public decimal Threshold { get; init; }
    public decimal Limit { get; init; }
    public LimitPeriod Period { get; init; }
    public bool Enabled { get; init; }

    /// <summary>Why the rule was turned off by the system, if it was.</summary>
    public string? DisabledReason { get; init; }

    public DateOnly PeriodStart { get; init; }
    public decimal UsedInPeriod { get; init; }

    public static DateOnly StartOf(LimitPeriod period, DateOnly day) => period switch
    {
        LimitPeriod.Day => day,
        LimitPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        LimitPeriod.Month => new DateOnly(day.Year, day.Month, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };
}
