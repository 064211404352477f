using System.Globalization;
using BillingBot.Billing.Ledger;
using BillingBot.Chat;
using BillingBot.Localization;
using Humanizer;

namespace BillingBot.Documents;

/// <summary>Texts of one document in the reader's language, plain (no chat HTML); money, days and entries written as the chat writes them.</summary>
/// <param name="localizer">The texts.</param>
/// <param name="language">The reader's language.</param>
/// <param name="zone">The time zone of the document's days.</param>
/// <param name="names">The name of an account an entry names (the other side of a transfer); null where it is unknown.</param>
internal sealed class DocumentText(Localizer localizer, string language, string zone, Func<int, string?>? names = null)
{
    /// <summary>How the history screen writes a day, so a statement reads like the chat.</summary>
    public const string DayFormat = "dd.MM.yyyy";

    private readonly ChatText _chat = new(localizer, language, zone);

    public CultureInfo Culture => _chat.Culture;

    public string this[string key, params (string Name, object? Value)[] args] => localizer.Text(Culture, key, args);

    public string Money(decimal amount, string currency) => _chat.Money(amount, currency);

    /// <summary>"+$100.00" for money in, "-$3.33" for money out, as the history shows them.</summary>
    public string Signed(decimal amount, string currency) => (amount > 0 ? "+" : "") + Money(amount, currency);

    public DateOnly LocalDay(DateTimeOffset instant) => _chat.LocalDay(instant);

    public string Day(DateOnly day) => day.ToString(DayFormat, Culture);

    /// <summary>"28 September 2022" / "28 сентября 2022".</summary>
    public string LongDay(DateOnly day) => day.ToString("d MMMM yyyy", Culture);

    /// <summary>"September 2022" / "сентябрь 2022".</summary>
    public string Month(DateOnly month) => month.ToString("MMMM yyyy", Culture);

    /// <summary>"02.12.2026 04:41" in the document's time zone.</summary>
    public string Moment(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Billing.Clock.Zone(zone)).ToString(DayFormat + " HH:mm", Culture);

    /// <summary>Whether the statement's last day has ended at <paramref name="now"/>: else it is told to the moment it was made.</summary>
    public bool IsOver(Billing.Accounts.Statement statement, DateTimeOffset now) => statement.Last < LocalDay(now);

    /// <summary>
    /// The statement's closing balance: on its last day once that is over, else at <paramref name="now"/> (the moment
    /// it was made), never on a day still to come.
    /// </summary>
    public string ClosingLine(Billing.Accounts.Statement statement, DateTimeOffset now) => IsOver(statement, now)
        ? this["doc.statement.closing", ("date", Day(statement.Last)), ("amount", Money(statement.Closing, statement.Account.Currency))]
        : this["doc.statement.closingNow", ("time", Moment(now)), ("amount", Money(statement.Closing, statement.Account.Currency))];

    public string Describe(LedgerEntry entry) => EntryText.Of(entry, (key, args) => this[key, args], Day, id => names?.Invoke(id));

    /// <summary>A positive amount written out as on a bank document: "One hundred twenty dollars 50 cents", "Сто двадцать долларов 50 центов".</summary>
    public string InWords(decimal amount, string currency)
    {
        var decimals = Billing.Money.Decimals(currency);
        var whole = (long)decimal.Truncate(amount);
        var minor = (long)((amount - whole) * Billing.Money.MinorPerUnit(currency));
        var number = whole.ToWords(Culture, addAnd: false);
        // A currency without words in the files is named by its code.
        var unit = Unit("doc.currency.", currency, whole) ?? currency;
        var text = decimals == 0
            ? this["doc.words.whole", ("number", number), ("unit", unit)]
            : this["doc.words", ("number", number), ("unit", unit), ("minor", minor.ToString("D" + decimals, CultureInfo.InvariantCulture)), ("minorUnit", Unit("doc.currencyMinor.", currency, minor) ?? "")];
        return Capitalized(text.Trim());
    }

    private string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Culture) + text[1..];

    /// <summary>The unit's word for <paramref name="count"/>, from forms written <c>one|other</c> or <c>one|few|many</c>.</summary>
    private string? Unit(string prefix, string currency, long count)
    {
        var key = prefix + currency;
        if (!localizer.TextsOf(Localizer.FallbackLanguage).ContainsKey(key))
        {
            return null;
        }

        var forms = this[key].Split('|');
        return Localizer.FormFor(forms, count);
    }
}
