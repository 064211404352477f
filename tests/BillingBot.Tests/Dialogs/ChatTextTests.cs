namespace BillingBot.Tests.Dialogs;

/// <summary>Days, dates and money in words and signs of the chat's language.</summary>
public sealed class ChatTextTests
{
    [Theory]
    [InlineData(1, "1 день")]
    [InlineData(2, "2 дня")]
    [InlineData(5, "5 дней")]
    [InlineData(11, "11 дней")]
    [InlineData(21, "21 день")]
    [InlineData(38, "38 дней")]
    public void Days_Russian_PluralOfTheNumber(int days, string expected)
    {
        Assert.Equal(expected, ChatFixture.ChatText("ru").Days(days));
    }

    [Theory]
    [InlineData(1, "1 day")]
    [InlineData(5, "5 days")]
    [InlineData(38, "38 days")]
    public void Days_English_PluralOfTheNumber(int days, string expected)
    {
        Assert.Equal(expected, ChatFixture.ChatText("en").Days(days));
    }

    [Theory]
    [InlineData("2022-11-06", "6 November", "6 ноября")]
    [InlineData("2023-03-20", "20 March", "20 марта")]
    [InlineData("2023-04-15", "15 April 2023", "15 апреля 2023")]
    [InlineData("2022-02-01", "1 February 2022", "1 февраля 2022")]
    public void Date_TodayKnown_AYearOnlyMoreThanHalfAYearAway(string date, string english, string russian)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ChatFixture.Start);
        var day = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(english, new BillingBot.Chat.ChatText(ChatFixture.Texts, "en", "UTC", time).Date(day));
        Assert.Equal(russian, new BillingBot.Chat.ChatText(ChatFixture.Texts, "ru", "UTC", time).Date(day));
    }

    [Fact]
    public void Date_BothLanguages_DayAndMonthInWords()
    {
        var day = new DateOnly(2022, 11, 6);

        Assert.Equal("6 November", ChatFixture.ChatText("en").Date(day));
        Assert.Equal("6 ноября", ChatFixture.ChatText("ru").Date(day));
    }

    [Fact]
    public void Money_RussianCulture_CommaAndRoubleSign()
    {
        var t = ChatFixture.ChatText("ru");

        Assert.Equal("155,46 ₽", t.Money(155.46m, "RUB").Replace('\u00A0', ' '));
        Assert.Equal("1 000,50 ₽", t.Money(1000.50m, "RUB").Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.Equal("155,46 $", t.Money(155.46m, "USD"));
    }

    [Fact]
    public void Money_EnglishCulture_PointAndSignBeforeTheNumber()
    {
        var t = ChatFixture.ChatText("en");

        Assert.Equal("$155.46", t.Money(155.46m, "USD"));
        Assert.Equal("$1,000.50", t.Money(1000.50m, "USD"));
        Assert.Equal("-$4.10", t.Money(-4.10m, "USD"));
        Assert.Equal("₽155.46", t.Money(155.46m, "RUB"));
        Assert.Equal("¥1,000", t.Money(1000m, "JPY"));
    }

    [Fact]
    public void Money_NegativeInRussian_KeepsTheSpaceBeforeTheSign()
    {
        var t = ChatFixture.ChatText("ru");

        Assert.Equal("\u22124,10 ₽", t.Money(-4.10m, "RUB").Replace('\u00A0', ' '));
    }
}
