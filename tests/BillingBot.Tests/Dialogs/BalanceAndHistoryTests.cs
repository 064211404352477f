using BillingBot.Billing.Accounts;

namespace BillingBot.Tests.Dialogs;

/// <summary>PRODUCT example 3: balance 155.46 on 29 September 2022, charges near 4 USD a day.</summary>
public sealed class BalanceAndHistoryTests : IDisposable
{
    // The last week averages 4.00 a day: 155.46 / 4.00 → 38 whole days, until 6 November.
    private static readonly decimal[] LastWeek = [3.50m, 4.50m, 3.80m, 4.20m, 4.00m, 3.90m, 4.10m];

    private readonly ChatFixture _chat = new(start: new DateTimeOffset(2022, 8, 20, 10, 0, 0, TimeSpan.Zero));
    private readonly Account _shop;

    public BalanceAndHistoryTests()
    {
        // Forty days as they happened: one payment on 20 August, then each morning the charge for the day before
        // (33 days of 3.33, then the last week), so the clock ends on 29 September 2022 and the balance at 155.46.
        _shop = _chat.CreateAccount();
        _chat.Pay(_shop.Id, 293.35m);
        for (var day = 0; day < 40; day++)
        {
            _chat.Time.Advance(TimeSpan.FromDays(1));
            var yesterday = DateOnly.FromDateTime(_chat.Time.GetUtcNow().UtcDateTime).AddDays(-1);
            _chat.Billing.Charges.Post(_shop.Id, yesterday, day < 33 ? 3.33m : LastWeek[day - 33]);
        }
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Balance_ChargesNearFourADay_SaysHowLongTheMoneyLastsInEnglish()
    {
        Assert.Equal(ChatFixture.Start, _chat.Time.GetUtcNow());
        Assert.Equal(155.46m, _chat.Billing.Accounts.Get(_shop.Id).Balance);
        await _chat.Link(_shop.Id);

        var screen = await _chat.Press("bal");

        Assert.Equal("<b>Flower shop</b>\nBalance: <b>$155.46</b>\nDaily tariff: $3.33\nThe money lasts about 38 days, until 6 November.", screen.Text);
        Assert.Equal(["top", "chart", "m"], _chat.ButtonsData());
    }

    [Fact]
    public async Task Balance_ChargesNearFourADay_SaysHowLongTheMoneyLastsInRussian()
    {
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");
        await _chat.Link(_shop.Id);

        var screen = await _chat.Press("bal");

        Assert.Contains("Денег хватит примерно на 38 дней, до 6 ноября.", screen.Text, StringComparison.Ordinal);
        Assert.Contains("Баланс: <b>155,46 $</b>", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_FirstPage_NewestFirstTwentyRowsWithShowMore()
    {
        await _chat.Link(_shop.Id);

        var screen = await _chat.Press("hist");

        var lines = screen.Text.Split('\n');
        Assert.Equal("<b>Flower shop</b>: balance history, page 1", lines[0]);
        Assert.Equal(1 + AccountService.PageSize, lines.Length);
        Assert.Equal("29.09.2022  -$4.10  Usage charge for 28.09.2022", lines[1]);
        Assert.Equal("28.09.2022  -$3.90  Usage charge for 27.09.2022", lines[2]);
        Assert.Equal("10.09.2022  -$3.33  Usage charge for 09.09.2022", lines[20]);
        Assert.Equal(["more", "st", "m"], _chat.ButtonsData());
        Assert.Equal("Show more", _chat.ButtonWith("more").Text);
    }

    [Fact]
    public async Task History_ShowMore_PagesOnUntilTheLastPageWithoutShowMore()
    {
        await _chat.Link(_shop.Id);
        await _chat.Press("hist");

        var second = (await _chat.Press("more")).Text.Split('\n');

        Assert.Equal("<b>Flower shop</b>: balance history, page 2", second[0]);
        Assert.Equal(21, second.Length);
        Assert.Equal("09.09.2022  -$3.33  Usage charge for 08.09.2022", second[1]);
        Assert.Equal("21.08.2022  -$3.33  Usage charge for 20.08.2022", second[20]);
        Assert.Contains("more", _chat.ButtonsData());

        var last = (await _chat.Press("more")).Text.Split('\n');

        Assert.Equal(["<b>Flower shop</b>: balance history, page 3", "20.08.2022  +$293.35  Payment (bank transfer)"], last);
        Assert.Equal(["st", "m"], _chat.ButtonsData());
    }

    [Fact]
    public async Task History_OpenedAgain_StartsAtTheFirstPage()
    {
        await _chat.Link(_shop.Id);
        await _chat.Press("hist");
        await _chat.Press("more");
        await _chat.Press("m");

        var screen = await _chat.Press("hist");

        Assert.StartsWith("<b>Flower shop</b>: balance history, page 1\n29.09.2022", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_InRussian_DatesAndCommaSeparatedMoney()
    {
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");
        await _chat.Link(_shop.Id);

        var screen = await _chat.Press("hist");

        var newest = screen.Text.Split('\n')[1];
        Assert.StartsWith("29.09.2022  \u22124,10", newest, StringComparison.Ordinal);
        Assert.EndsWith("$  Плата за использование за 28.09.2022", newest, StringComparison.Ordinal);
    }
}
