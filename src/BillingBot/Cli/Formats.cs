using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingBot.Cli;

/// <summary>How the command line writes money, days and instants, and its JSON shape.</summary>
internal static class Formats
{
    /// <summary>camelCase names, enums as camelCase strings, decimals as numbers.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Plain digits with a point, so a printed amount can be typed back in.</summary>
    public static string Money(decimal amount, string currency) => Localization.Localizer.InvariantMoney(amount, currency);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
