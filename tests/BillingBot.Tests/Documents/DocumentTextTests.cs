using BillingBot.Billing.Ledger;
using BillingBot.Documents;
using BillingBot.Localization;

namespace BillingBot.Tests.Documents;

public sealed class DocumentTextTests
{
    private static readonly Localizer Texts = Localizer.Load();

    public static TheoryData<string, decimal, string, string> Amounts => new()
    {
        { "en", 120.50m, "USD", "One hundred twenty dollars and 50 cents" },
        { "en", 1m, "USD", "One dollar and 00 cents" },
        { "en", 0.01m, "EUR", "Zero euros and 01 cent" },
        { "ru", 120.50m, "USD", "Сто двадцать долларов 50 центов" },
        { "ru", 21m, "RUB", "Двадцать один рубль 00 копеек" },
        { "ru", 2.02m, "RUB", "Два рубля 02 копейки" },
        { "ru", 11.21m, "RUB", "Одиннадцать рублей 21 копейка" },
        { "ru", 1_000_000m, "EUR", "Один миллион евро 00 центов" },
        // No words for the currency in the files: its code, and the minor unit as digits.
        { "en", 10.50m, "GBP", "Ten GBP and 50" },
        { "en", 1500m, "JPY", "One thousand five hundred JPY" },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void InWords_Amount_WrittenOutWithPluralUnits(string language, decimal amount, string currency, string expected)
    {
        var text = new DocumentText(Texts, language, "UTC");

        Assert.Equal(expected, text.InWords(amount, currency));
    }

    [Fact]
    public void Describe_Entry_ReadsAsTheHistoryScreenWritesIt()
    {
        var entry = new LedgerEntry { Kind = EntryKind.ServiceCharge, ChargeDate = new DateOnly(2022, 9, 28), Amount = -5.58m, Note = "SMS" };

        Assert.Equal("Daily charge for 28.09.2022: SMS", new DocumentText(Texts, "en", "UTC").Describe(entry));
        Assert.Equal("Абонентская плата за 28.09.2022: SMS", new DocumentText(Texts, "ru", "UTC").Describe(entry));
    }
}
