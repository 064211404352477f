namespace BillingBot.Billing.Accounts;

/// <summary>
/// How long the balance lasts and what to top up by, from the account's recent daily charges. The amounts to top up by
/// are 10 and 30 days of the largest day of the last 30 (on <paramref name="LargestOn"/>), or of the tariff when no day
/// was charged.
/// </summary>
public sealed record Forecast(decimal DailyCharge, bool FromTariff, int? DaysLeft, DateOnly? RunsOutOn, decimal LargestDailyCharge, decimal TenDays, decimal ThirtyDays, DateOnly? LargestOn = null)
{
    public const int AverageWindowDays = 7;
    public const int LargestWindowDays = 30;

    public static Forecast Of(Account account, DateOnly today)
    {
        var recent = account.RecentCharges.Where(c => c.Date >= today.AddDays(-AverageWindowDays) && c.Date < today && c.Amount > 0).ToList();
        var fromTariff = recent.Count == 0;
        var daily = fromTariff ? account.DailyTariff : recent.Average(c => c.Amount);

        var largestDay = LargestSince(account.RecentCharges, today.AddDays(-LargestWindowDays));
        var largest = largestDay?.Amount ?? account.DailyTariff;

        int? daysLeft = daily <= 0 ? null : account.Balance <= 0 ? 0 : (int)Math.Min(int.MaxValue / 2, Math.Floor(account.Balance / daily));
        return new Forecast(
            Money.Round(daily, account.Currency),
            fromTariff,
            daysLeft,
            daysLeft is { } d ? today.AddDays(Math.Min(d, 365 * 100)) : null,
            largest,
            Money.Round(largest * 10, account.Currency),
            Money.Round(largest * 30, account.Currency),
            largestDay?.Date);
    }

    /// <summary>The largest charged day from <paramref name="from"/> on, the latest of equal ones (a person finds it first in the history); a loop, as every digest asks.</summary>
    private static DailyCharge? LargestSince(IReadOnlyList<DailyCharge> charges, DateOnly from)
    {
        DailyCharge? largest = null;
        foreach (var charge in charges)
        {
            if (charge.Date >= from && charge.Amount > 0 && (largest is null || charge.Amount > largest.Amount || (charge.Amount == largest.Amount && charge.Date >= largest.Date)))
            {
                largest = charge;
            }
        }

        return largest;
    }

    /// <summary>Low when fewer days are left than the account's threshold, or the balance is at or below its money threshold.</summary>
    public static bool IsLow(Account account, DateOnly today)
    {
        if (account.LowBalanceMoney is { } floor && account.Balance <= floor)
        {
            return true;
        }

        return Of(account, today).DaysLeft is { } days && days < account.LowBalanceDays;
    }

    internal static IReadOnlyList<DailyCharge> Add(IReadOnlyList<DailyCharge> charges, DateOnly date, decimal amount)
    {
        if (charges.Count == 0 || charges[^1].Date < date)
        {
            // A day after every one kept (the daily accrual's every charge): appended, the days before the window left out.
            var from = date.AddDays(-(LargestWindowDays + 5));
            var kept = new List<DailyCharge>(charges.Count + 1);
            foreach (var charge in charges)
            {
                if (charge.Date >= from)
                {
                    kept.Add(charge);
                }
            }

            kept.Add(new DailyCharge(date, amount));
            return kept;
        }

        var list = charges.Where(c => c.Date != date).ToList();
        var sameDay = charges.Where(c => c.Date == date).Sum(c => c.Amount);
        list.Add(new DailyCharge(date, sameDay + amount));
        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        var keepFrom = list[^1].Date.AddDays(-(LargestWindowDays + 5));
        return list.Where(c => c.Date >= keepFrom).ToList();
    }
}
