namespace BillingBot.Billing;

/// <summary>Currency rules: ISO codes and their minor units; amounts are validated, never silently rounded.</summary>
public static class Money
{
    // ISO 4217 minor units for the currencies a prepaid account is likely to be kept in.
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.Ordinal)
    {
        ["USD"] = 2,
        ["EUR"] = 2,
        ["RUB"] = 2,
        ["GBP"] = 2,
        ["KZT"] = 2,
        ["UAH"] = 2,
        ["BYN"] = 2,
        ["UZS"] = 2,
        ["GEL"] = 2,
        ["AMD"] = 2,
        ["AZN"] = 2,
        ["TRY"] = 2,
        ["PLN"] = 2,
        ["CNY"] = 2,
        ["INR"] = 2,
        ["CHF"] = 2,
        ["CAD"] = 2,
        ["AUD"] = 2,
        ["AED"] = 2,
        ["ILS"] = 2,
        ["BRL"] = 2,
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["VND"] = 0,
        ["CLP"] = 0,
        ["KWD"] = 3,
        ["BHD"] = 3,
    };

    public static bool IsKnownCurrency(string code) => MinorUnits.ContainsKey(code);

    public static int Decimals(string currency) =>
        MinorUnits.TryGetValue(currency, out var units) ? units : throw new BillingException(BillingError.UnknownCurrency, ("currency", currency));

    /// <summary>How many of the currency's smallest units make one (100 cents a dollar, 1 yen a yen), exactly.</summary>
    public static decimal MinorPerUnit(string currency)
    {
        var scale = 1m;
        for (var i = Decimals(currency); i > 0; i--)
        {
            scale *= 10;
        }

        return scale;
    }

    /// <summary>Normalizes a currency code (trim, upper case) and checks that it is known.</summary>
    public static string Currency(string code)
    {
        var normalized = code.Trim().ToUpperInvariant();
        _ = Decimals(normalized);
        return normalized;
    }

    /// <summary>Rounds to the currency's minor unit (used for derived figures, never for amounts a person typed).</summary>
    public static decimal Round(decimal amount, string currency) =>
        Math.Round(amount, Decimals(currency), MidpointRounding.AwayFromZero);

    /// <summary>Checks that an amount (of any sign: a threshold may be zero or below) is no finer than the currency's minor unit.</summary>
    public static decimal RequireMinorUnit(decimal amount, string currency) => amount == Round(amount, currency)
        ? amount
        : throw new BillingException(BillingError.AmountTooPrecise, ("amount", amount), ("currency", currency), ("decimals", Decimals(currency)));

    /// <summary>Checks an amount that moves money: positive, no finer than the minor unit, at most <paramref name="max"/>.</summary>
    public static decimal Require(decimal amount, string currency, decimal max)
    {
        if (amount <= 0)
        {
            throw new BillingException(BillingError.AmountNotPositive, ("amount", amount));
        }

        RequireMinorUnit(amount, currency);
        if (amount > max)
        {
            throw new BillingException(BillingError.AmountTooLarge, ("amount", amount), ("max", max), ("currency", currency));
        }

        return amount;
    }
}
