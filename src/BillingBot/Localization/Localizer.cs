using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingBot.Billing;
using BillingBot.Billing.Storage;

namespace BillingBot.Localization;

/// <summary>Texts by key from <c>localization/&lt;language&gt;.json</c> with named placeholders; English fills any gap.</summary>
internal sealed partial class Localizer
{
    public const string FallbackLanguage = "en";

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _languages;

    public Localizer(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> languages)
    {
        if (!languages.ContainsKey(FallbackLanguage))
        {
            throw new ArgumentException($"The '{FallbackLanguage}' texts are required: every other language falls back to them.", nameof(languages));
        }

        _languages = languages;
    }

    public IEnumerable<string> Languages => _languages.Keys;

    /// <summary>Reads every <c>*.json</c> in <paramref name="folder"/> (default: <c>localization</c> beside the program).</summary>
    public static Localizer Load(string? folder = null)
    {
        folder ??= Path.Combine(AppContext.BaseDirectory, "localization");
        var languages = Directory.EnumerateFiles(folder, "*.json").ToDictionary(
            file => Path.GetFileNameWithoutExtension(file),
            file => (IReadOnlyDictionary<string, string>)(JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"{file} holds no texts.")),
            StringComparer.OrdinalIgnoreCase);
        return new Localizer(languages);
    }

    public IReadOnlyDictionary<string, string> TextsOf(string language) => _languages[language];

    /// <summary>The text for <paramref name="key"/> in the language of <paramref name="culture"/>, placeholders filled and formatted in that culture.</summary>
    public string Text(CultureInfo culture, string key, params IEnumerable<(string Name, object? Value)> args)
    {
        var template = Template(culture, key);
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            // Most texts (every button's label) have nothing to fill in.
            return template;
        }

        var values = args.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal);
        return Placeholder().Replace(template, match =>
        {
            var name = match.Groups["name"].Value;
            // A missing value stays visible as {name}: a gap in a message is a bug to see, not to crash on.
            return values.TryGetValue(name, out var value) ? Format(culture, value, match.Groups["format"].Value) : match.Value;
        });
    }

    /// <summary>
    /// The message for a refused operation, under <c>error.&lt;code&gt;</c>. Its amounts are money in the reader's
    /// style (<paramref name="money"/>; by default as the command line writes it, "9000.00 RUB"), except an amount
    /// refused as too precise, which is quoted as typed.
    /// </summary>
    public string Error(CultureInfo culture, BillingException error, Func<decimal, string, string>? money = null, Func<object?, object?>? escape = null)
    {
        var currency = error.Args.FirstOrDefault(a => a.Key == "currency").Value as string;
        var asMoney = currency is not null && error.Error != BillingError.AmountTooPrecise && Billing.Money.IsKnownCurrency(currency);
        var write = money ?? InvariantMoney;
        var escaped = escape ?? (v => v);
        return Text(culture, ErrorKey(error), error.Args.Select(a => (a.Key, escaped(a.Value switch
        {
            decimal amount when asMoney => write(amount, currency!),
            decimal amount => amount.ToString(culture),
            string text => Cut(text),
            var other => other,
        }))));
    }

    /// <summary>Money as the command line and the operator API write it: "9000.00 RUB".</summary>
    public static string InvariantMoney(decimal amount, string currency) =>
        amount.ToString("F" + Billing.Money.Decimals(currency).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " " + currency;

    /// <summary>A currency with no minor unit (JPY) has no "digits after the point" to speak of.</summary>
    private static string ErrorKey(BillingException error) =>
        error.Error == BillingError.AmountTooPrecise && error.Args.Any(a => a.Key == "decimals" && a.Value is 0) ? "error.AmountNotWhole" : "error." + error.Error;

    /// <summary>The most characters of someone's input a message quotes.</summary>
    public const int MaxQuoted = 80;

    /// <summary>
    /// Input quoted in a message (a refused name, a CSV field), cut to <see cref="MaxQuoted"/> characters with "…": a
    /// 20 MB field must not make a 20 MB error line.
    /// </summary>
    public static string Cut(string input) => input.Length <= MaxQuoted ? input : string.Concat(input.AsSpan(0, MaxQuoted - 1), "…");

    /// <summary>Why the store took nothing, for an operator: the disk is full, or the file could not be read or written.</summary>
    public string Unavailable(CultureInfo culture, StoreUnavailableException error) => error.Fault switch
    {
        StoreFault.DiskFull => Text(culture, "cli.error.diskFull", ("path", error.Path)),
        StoreFault.Damaged => Text(culture, "cli.error.damagedData", ("path", error.Path), ("reason", Cut(error.InnerException?.Message ?? error.Message))),
        _ => Text(culture, "cli.error.storeFailed", ("path", error.Path), ("reason", error.InnerException?.Message ?? error.Message)),
    };

    /// <summary>What is wrong with a damaged store's file, as the part of a sentence after "is damaged:".</summary>
    public string Damage(CultureInfo culture, DamagedStoreException error) =>
        Text(culture, "cli.damage." + error.Damage, ("page", error.Page), ("pages", error.Pages));

    /// <summary>
    /// "3 charges", "1 account", "5 списаний": <paramref name="count"/> with the form of <paramref name="key"/> for it,
    /// whose text lists the forms as <c>one|other</c> or <c>one|few|many</c>.
    /// </summary>
    public string Counted(CultureInfo culture, string key, long count) =>
        string.Create(culture, $"{count:N0} {FormFor(Template(culture, key).Split('|'), count)}");

    /// <summary>The form of <paramref name="forms"/> for <paramref name="count"/>.</summary>
    public static string FormFor(string[] forms, long count) => forms[Math.Min(forms.Length - 1, PluralForm(count, forms.Length))];

    /// <summary>Three forms follow the East Slavic rule (1, 21 / 2–4, 22–24 / the rest); two forms the English one.</summary>
    private static int PluralForm(long count, int forms) => forms switch
    {
        3 when count % 10 == 1 && count % 100 != 11 => 0,
        3 when count % 10 is >= 2 and <= 4 && count % 100 is not (>= 12 and <= 14) => 1,
        3 => 2,
        _ => count == 1 ? 0 : 1,
    };

    /// <summary>The names of the placeholders in <paramref name="text"/>.</summary>
    public static IReadOnlySet<string> PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{(?<name>[A-Za-z][A-Za-z0-9]*)(?::(?<format>[^{}]+))?\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    private string Template(CultureInfo culture, string key)
    {
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (_languages.TryGetValue(c.Name, out var texts) && texts.TryGetValue(key, out var text))
            {
                return text;
            }
        }

        return _languages[FallbackLanguage].TryGetValue(key, out var fallback) ? fallback : key;
    }

    private string Format(CultureInfo culture, object? value, string format) => value switch
    {
        null => "",
        // Enum values read as words of the language when it has them (enum.InvoiceStatus.Paid → "paid").
        Enum e => Template(culture, $"enum.{e.GetType().Name}.{e}") is var word && !word.StartsWith("enum.", StringComparison.Ordinal) ? word : e.ToString(),
        IFormattable f => f.ToString(format.Length == 0 ? null : format, culture),
        _ => value.ToString() ?? "",
    };
}
