using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingBot.Billing;

/// <summary>
/// The IANA time zone a person means by what they typed: an id in any case (<c>europe/berlin</c>), a city
/// (<c>Moscow</c>, <c>new york</c>, <c>Москва</c>), or a whole-hour offset from UTC (<c>UTC+3</c>, <c>GMT-5</c>, <c>+03:00</c>).
/// </summary>
public static partial class TimeZones
{
    private static readonly Lazy<(FrozenDictionary<string, string> Ids, FrozenDictionary<string, string> Cities)> Known = new(Load);

    /// <summary>
    /// Cities a Russian speaker types, with their zones: the IANA ids name cities in English only. The zones of Russia
    /// and of its neighbours most often asked for.
    /// </summary>
    private static readonly FrozenDictionary<string, string> RussianCities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Калининград"] = "Europe/Kaliningrad",
        ["Москва"] = "Europe/Moscow",
        ["Санкт-Петербург"] = "Europe/Moscow",
        ["Петербург"] = "Europe/Moscow",
        ["Питер"] = "Europe/Moscow",
        ["Казань"] = "Europe/Moscow",
        ["Нижний Новгород"] = "Europe/Moscow",
        ["Волгоград"] = "Europe/Volgograd",
        ["Самара"] = "Europe/Samara",
        ["Саратов"] = "Europe/Saratov",
        ["Ульяновск"] = "Europe/Ulyanovsk",
        ["Екатеринбург"] = "Asia/Yekaterinburg",
        ["Челябинск"] = "Asia/Yekaterinburg",
        ["Уфа"] = "Asia/Yekaterinburg",
        ["Пермь"] = "Asia/Yekaterinburg",
        ["Тюмень"] = "Asia/Yekaterinburg",
        ["Омск"] = "Asia/Omsk",
        ["Новосибирск"] = "Asia/Novosibirsk",
        ["Барнаул"] = "Asia/Barnaul",
        ["Томск"] = "Asia/Tomsk",
        ["Новокузнецк"] = "Asia/Novokuznetsk",
        ["Кемерово"] = "Asia/Novokuznetsk",
        ["Красноярск"] = "Asia/Krasnoyarsk",
        ["Иркутск"] = "Asia/Irkutsk",
        ["Чита"] = "Asia/Chita",
        ["Якутск"] = "Asia/Yakutsk",
        ["Владивосток"] = "Asia/Vladivostok",
        ["Хабаровск"] = "Asia/Vladivostok",
        ["Магадан"] = "Asia/Magadan",
        ["Сахалин"] = "Asia/Sakhalin",
        ["Южно-Сахалинск"] = "Asia/Sakhalin",
        ["Петропавловск-Камчатский"] = "Asia/Kamchatka",
        ["Камчатка"] = "Asia/Kamchatka",
        ["Анадырь"] = "Asia/Anadyr",
        ["Минск"] = "Europe/Minsk",
        ["Киев"] = "Europe/Kyiv",
        ["Кишинёв"] = "Europe/Chisinau",
        ["Кишинев"] = "Europe/Chisinau",
        ["Рига"] = "Europe/Riga",
        ["Вильнюс"] = "Europe/Vilnius",
        ["Таллин"] = "Europe/Tallinn",
        ["Тбилиси"] = "Asia/Tbilisi",
        ["Ереван"] = "Asia/Yerevan",
        ["Баку"] = "Asia/Baku",
        ["Алматы"] = "Asia/Almaty",
        ["Астана"] = "Asia/Almaty",
        ["Ташкент"] = "Asia/Tashkent",
        ["Бишкек"] = "Asia/Bishkek",
        ["Душанбе"] = "Asia/Dushanbe",
        ["Ашхабад"] = "Asia/Ashgabat",
        ["Стамбул"] = "Europe/Istanbul",
        ["Берлин"] = "Europe/Berlin",
        ["Лондон"] = "Europe/London",
        ["Дубай"] = "Asia/Dubai",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The IANA id meant by <paramref name="text"/>, or null when it names no zone this machine knows.</summary>
    public static string? Find(string text)
    {
        var typed = text.Trim();
        if (typed.Length is 0 or > 64)
        {
            return null;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(typed, out var exact) && exact.HasIanaId)
        {
            return exact.Id;
        }

        var (ids, cities) = Known.Value;
        var city = Spaced().Replace(typed, " ");
        return ids.GetValueOrDefault(typed)
            ?? cities.GetValueOrDefault(city)
            ?? (RussianCities.GetValueOrDefault(city) is { } russian && Exists(russian) ? russian : null)
            ?? Offset(typed);
    }

    /// <summary>
    /// <c>UTC+3</c> is the IANA id <c>Etc/GMT-3</c> (POSIX signs are the other way round), a fixed offset with no
    /// daylight saving; only whole hours have such an id.
    /// </summary>
    private static string? Offset(string typed)
    {
        var match = OffsetPattern().Match(typed.Replace('−', '-'));
        if (!match.Success)
        {
            return null;
        }

        var hours = int.Parse(match.Groups["hours"].Value, CultureInfo.InvariantCulture);
        var east = match.Groups["sign"].Value == "+";
        if (hours == 0)
        {
            return "Etc/UTC";
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"Etc/GMT{(east ? "-" : "+")}{hours}");
        return (east ? hours <= 14 : hours <= 12) && Exists(id) ? id : null;
    }

    private static bool Exists(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    private static (FrozenDictionary<string, string>, FrozenDictionary<string, string>) Load()
    {
        var zones = TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id).Order(StringComparer.Ordinal).ToList();
        var ids = zones.DistinctBy(id => id, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(id => id, StringComparer.OrdinalIgnoreCase);
        // A city is the last part of a geographic id ("America/New_York"); the first id of a city name wins.
        var cities = zones.Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
            .GroupBy(id => id[(id.LastIndexOf('/') + 1)..].Replace('_', ' '), StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return (ids, cities);
    }

    [GeneratedRegex(@"[\s_]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaced();

    [GeneratedRegex(@"^(?:(?:UTC|GMT)\s*)?(?<sign>[+-])\s*(?<hours>\d{1,2})(?::?00)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();
}
