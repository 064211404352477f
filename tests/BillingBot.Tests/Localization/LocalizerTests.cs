using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Invoices;
using BillingBot.Localization;

namespace BillingBot.Tests.Localization;

public sealed class LocalizerTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    private readonly Localizer _texts = new(new Dictionary<string, IReadOnlyDictionary<string, string>>
    {
        ["en"] = new Dictionary<string, string>
        {
            ["greeting"] = "{name} owes {amount} {currency}",
            ["only.english"] = "English only",
            ["status"] = "It is {status}",
            ["enum.InvoiceStatus.Paid"] = "paid",
            ["dated"] = "Due {day:yyyy-MM-dd}",
        },
        ["ru"] = new Dictionary<string, string>
        {
            ["greeting"] = "{name} должен {amount} {currency}",
            ["status"] = "Он {status}",
            ["enum.InvoiceStatus.Paid"] = "оплачен",
        },
    });

    [Fact]
    public void Text_NamedPlaceholders_AreFilledByName()
    {
        Assert.Equal("Ann owes 5.5 USD", _texts.Text(English, "greeting", ("currency", "USD"), ("amount", 5.5m), ("name", "Ann")));
    }

    [Fact]
    public void Text_RussianCulture_RussianTextAndNumbers()
    {
        Assert.Equal("Аня должен 5,5 USD", _texts.Text(Russian, "greeting", ("name", "Аня"), ("amount", 5.5m), ("currency", "USD")));
    }

    [Fact]
    public void Text_KeyMissingInLanguage_FallsBackToEnglish()
    {
        Assert.Equal("English only", _texts.Text(Russian, "only.english"));
        Assert.Equal("English only", _texts.Text(CultureInfo.GetCultureInfo("de-DE"), "only.english"));
    }

    [Fact]
    public void Text_MissingValue_LeavesThePlaceholderVisible()
    {
        Assert.Equal("Ann owes {amount} USD", _texts.Text(English, "greeting", ("name", "Ann"), ("currency", "USD")));
    }

    [Fact]
    public void Text_EnumValue_IsTheLanguagesWord()
    {
        Assert.Equal("Он оплачен", _texts.Text(Russian, "status", ("status", InvoiceStatus.Paid)));
        Assert.Equal("It is Cancelled", _texts.Text(English, "status", ("status", InvoiceStatus.Cancelled)));
    }

    [Fact]
    public void Text_FormatInPlaceholder_IsApplied()
    {
        Assert.Equal("Due 2022-11-06", _texts.Text(English, "dated", ("day", new DateOnly(2022, 11, 6))));
    }

    [Fact]
    public void Text_UnknownKey_ReturnsTheKey()
    {
        Assert.Equal("no.such.key", _texts.Text(English, "no.such.key"));
    }

    [Fact]
    public void Text_DoesNotTouchCurrentCulture()
    {
        var before = CultureInfo.CurrentCulture;
        _ = _texts.Text(Russian, "greeting", ("name", "Аня"), ("amount", 1m), ("currency", "RUB"));
        Assert.Equal(before, CultureInfo.CurrentCulture);
    }

    [Fact]
    public void Error_RefusalFromTheMoneyModel_ReadsInEachLanguage()
    {
        var refusal = Assert.Throws<BillingException>(() => Money.Require(5.555m, "USD", 100m));
        var shipped = Localizer.Load();

        Assert.Equal("5.555 is too precise for USD: at most 2 digits after the point.", shipped.Error(English, refusal));
        Assert.Equal("Сумма 5,555 слишком точная для USD: после запятой не больше 2 знаков.", shipped.Error(Russian, refusal));
    }

    [Theory]
    [InlineData("en", 1, "1 charge")]
    [InlineData("en", 2, "2 charges")]
    [InlineData("en", 0, "0 charges")]
    [InlineData("ru", 1, "1 списание")]
    [InlineData("ru", 2, "2 списания")]
    [InlineData("ru", 5, "5 списаний")]
    [InlineData("ru", 11, "11 списаний")]
    [InlineData("ru", 21, "21 списание")]
    [InlineData("ru", 22, "22 списания")]
    public void Counted_TheFormOfTheLanguageForTheCount(string language, long count, string expected) =>
        Assert.Equal(expected, Localizer.Load().Counted(CultureInfo.GetCultureInfo(language), "cli.count.charges", count));

    [Fact]
    public void Counted_ThousandsGroupedAsTheLanguageWritesThem() =>
        Assert.Equal("20\u00a0000 новых счетов", Localizer.Load().Counted(Russian, "cli.count.newAccounts", 20_000));

    [Fact]
    public void Error_TooPreciseForACurrencyWithNoMinorUnit_SaysItHasNoFractionalPart()
    {
        var texts = Localizer.Load();

        var yen = texts.Error(English, new BillingException(BillingError.AmountTooPrecise, ("amount", 1.5m), ("currency", "JPY"), ("decimals", 0)));
        var dollars = texts.Error(English, new BillingException(BillingError.AmountTooPrecise, ("amount", 1.005m), ("currency", "USD"), ("decimals", 2)));

        Assert.Equal("1.5 is too precise for JPY, which has no fractional part.", yen);
        Assert.Equal("1.005 is too precise for USD: at most 2 digits after the point.", dollars);
    }
}
