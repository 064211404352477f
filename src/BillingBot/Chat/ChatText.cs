using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.PromisedPayments;
using BillingBot.Localization;
using Humanizer;

namespace BillingBot.Chat;

/// <summary>Texts of one chat in its language and time zone: localized, HTML-escaped values, money, days and dates in words.</summary>
/// <param name="localizer">The texts.</param>
/// <param name="language">The chat's language.</param>
/// <param name="zone">The chat's time zone.</param>
/// <param name="time">The clock a date is told against (a year is written where it is far from today); none, no year.</param>
internal sealed partial class ChatText(Localizer localizer, string language, string zone = "UTC", TimeProvider? time = null)
{
    /// <summary>A date further than this from today is written with its year: "29 September" is this year's only near it.</summary>
    public const int DaysWithoutYear = 183;

    /// <summary>Day counts up to this are worded once per language and kept: a morning's digests word the same few thousand times.</summary>
    private const int DaysKept = 1_000;

    private static readonly ConcurrentDictionary<(string Culture, string Currency), NumberFormatInfo> MoneyFormats = new();
    private static readonly ConcurrentDictionary<(string Culture, int Days), string> DayTexts = new();

    /// <summary>Today in the chat's zone, once a date asked for it.</summary>
    private DateOnly? _today;

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(language);

    /// <summary>The text for <paramref name="key"/>; every value is escaped for Telegram's HTML parse mode, except <see cref="Html"/> ones.</summary>
    public string this[string key, params (string Name, object? Value)[] args] =>
        localizer.Text(Culture, key, args.Select(a => (a.Name, Escaped(a.Value))));

    /// <summary>A refusal, its values as given (100.505 stays 100.505) and escaped like any other.</summary>
    public string Error(BillingException error) =>
        localizer.Error(Culture, error, Money, Escaped);

    /// <summary>Marks a text that is already this chat's HTML (another localized text) so it is not escaped twice.</summary>
    public static Html Raw(string html) => new(html);

    /// <summary>How a member is called: their Telegram name when they joined, else "User 43" (plain text, escaped where it is shown).</summary>
    public string MemberName(Billing.Members.Membership member) =>
        member.Name ?? localizer.Text(Culture, "chat.members.unnamed", [("user", member.UserId)]);

    /// <summary>Money with the currency's sign in the user's culture: "$155.46", "155,46 ₽".</summary>
    public string Money(decimal amount, string currency) =>
        amount.ToString("C", MoneyFormats.GetOrAdd((Culture.Name, currency), static (key, culture) => MoneyFormat(culture, key.Currency), Culture));

    /// <summary>"38 days" / "38 дней", plural rules of the language.</summary>
    public string Days(int days) => days is >= 0 and <= DaysKept
        ? DayTexts.GetOrAdd((Culture.Name, days), static (key, culture) => DaysIn(culture, key.Days), Culture)
        : DaysIn(Culture, days);

    public string Hours(int hours) => TimeSpan.FromHours(hours).Humanize(culture: Culture, maxUnit: TimeUnit.Hour, minUnit: TimeUnit.Hour);

    /// <summary>The chat's calendar day of an instant.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => Clock.Day(instant, zone);

    /// <summary>"6 November" / "6 ноября".</summary>
    /// <summary>"29 September"; with its year ("29 September 2027") when more than about half a year from today.</summary>
    public string Date(DateOnly day) =>
        time is not null && Math.Abs(day.DayNumber - Today(time).DayNumber) > DaysWithoutYear
            ? day.ToString("d MMMM yyyy", Culture)
            : day.ToString("d MMMM", Culture);

    /// <summary>The chat's today, read once for all the dates of one screen or digest.</summary>
    private DateOnly Today(TimeProvider clock) => _today ??= LocalDay(clock.GetUtcNow());

    /// <summary>How long the money lasts, in words: "The money lasts about 38 days, until 6 November."</summary>
    public string Lasts(Forecast forecast, decimal balance) => forecast.DaysLeft switch
    {
        null => this["chat.balance.noCharges"],
        0 when balance > 0 => this["chat.balance.lessThanADay"],
        0 => this["chat.balance.runOut"],
        { } days => this["chat.balance.lasts", ("days", Days(days)), ("date", Date(forecast.RunsOutOn!.Value))],
    };

    /// <summary>One promised payment still owed: amount, due day and state.</summary>
    public string Owed(PromisedPayment promise, string currency) =>
        this["chat.promise.open", ("amount", Money(promise.Outstanding, currency)), ("date", Date(promise.DueOn)), ("status", promise.Status)];

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["USD"] = "$",
        ["EUR"] = "€",
        ["RUB"] = "₽",
        ["GBP"] = "£",
        ["KZT"] = "₸",
        ["UAH"] = "₴",
        ["JPY"] = "¥",
        ["TRY"] = "₺",
        ["INR"] = "₹",
    };

    private static NumberFormatInfo MoneyFormat(CultureInfo culture, string currency)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.CurrencySymbol = Symbols.TryGetValue(currency, out var symbol) ? symbol : currency;
        format.CurrencyDecimalDigits = Billing.Money.Decimals(currency);
        // "-$4.10" in English, "-4,10 ₽" in Russian: the sign leads, the symbol keeps its place.
        format.CurrencyNegativePattern = culture.TwoLetterISOLanguageName == "ru" ? 8 : 1;
        // Russian typography writes a minus, not a hyphen: "−3,33 $".
        if (culture.TwoLetterISOLanguageName == "ru")
        {
            format.NegativeSign = "\u2212";
        }

        return NumberFormatInfo.ReadOnly(format);
    }

    private static string DaysIn(CultureInfo culture, int days) =>
        TimeSpan.FromDays(days).Humanize(culture: culture, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Day);

    /// <summary>
    /// This chat's HTML as plain text, for where no markup is read: a button's label, a callback's toast, the console.
    /// Tags go, entities become their characters (a no-break space in "1 350,00 ₽" stays one, not <c>&amp;#160;</c>).
    /// </summary>
    public static string Plain(string html) => WebUtility.HtmlDecode(Tags().Replace(html, ""));

    /// <summary>
    /// Text from people (a name, a note) made this chat's HTML: only what Telegram's HTML reads as markup is escaped
    /// (&amp;, &lt;, &gt;), so a no-break space or a quote stays the character it is wherever the text goes.
    /// </summary>
    public static string Escape(string text) => text.Contains('&') || text.Contains('<') || text.Contains('>')
        ? text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal)
        : text;

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    private static object? Escaped(object? value) => value switch
    {
        Html html => html.Value,
        string text => Escape(text),
        _ => value,
    };

    /// <summary>Text that is HTML already.</summary>
    public sealed record Html(string Value)
    {
        public override string ToString() => Value;
    }
}
