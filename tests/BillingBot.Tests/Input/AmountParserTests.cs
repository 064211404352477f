using System.Globalization;
using BillingBot.Input;

namespace BillingBot.Tests.Input;

public sealed class AmountParserTests
{
    [Theory]
    [InlineData("100", "100")]
    [InlineData("100.50", "100.50")]
    [InlineData("100,50", "100.50")]
    [InlineData("1 000", "1000")]
    [InlineData("1 000 000,05", "1000000.05")]
    [InlineData("1\u00A0000", "1000")]
    [InlineData("  42 ", "42")]
    [InlineData("0", "0")]
    [InlineData("-5", "-5")]
    [InlineData("100.555", "100.555")]
    public void TryParse_WaysPeopleWriteAmounts_ReturnsTheAmount(string text, string expected)
    {
        Assert.True(AmountParser.TryParse(text, out var amount));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("1.2.3")]
    [InlineData("1,000.50")]
    [InlineData("10 00")]
    [InlineData("1e5")]
    [InlineData("+5")]
    [InlineData("$5")]
    [InlineData("5 USD")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("\u0661\u0662")]
    [InlineData("12345678901234567")]
    [InlineData("1.12345678901")]
    public void TryParse_AnythingElse_ReturnsFalse(string? text)
    {
        Assert.False(AmountParser.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_RussianCurrentCulture_StillReadsThePointAsDecimalSeparator()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
        try
        {
            Assert.True(AmountParser.TryParse("100.50", out var amount));
            Assert.Equal(100.50m, amount);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
