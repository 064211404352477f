using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>Each chat in its user's language: from Telegram's language_code until one is chosen in Settings.</summary>
public sealed class LanguageTests : IDisposable
{
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Start_RussianLanguageCode_ShowsRussian()
    {
        var shop = _chat.CreateAccount();
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");

        var screen = await _chat.Link(shop.Id);

        Assert.StartsWith("Готово: вы владелец лицевого счёта <b>Flower shop</b>.\n\n<b>Flower shop</b>\nБаланс: 0,00 $", screen.Text, StringComparison.Ordinal);
        Assert.Equal("Баланс", _chat.ButtonWith("bal").Text);
        Assert.Equal("Пополнить", _chat.ButtonWith("top").Text);
    }

    [Fact]
    public async Task Start_RegionalRussianCode_ShowsRussian()
    {
        _chat.SetLanguageCode(ChatFixture.Owner, "ru-RU");

        var screen = await _chat.Send("/start");

        Assert.Equal(ChatFixture.TextIn("ru", "chat.notLinked"), screen.Text);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData(null)]
    public async Task Start_OtherLanguageCodes_ShowEnglish(string? code)
    {
        _chat.SetLanguageCode(ChatFixture.Owner, code);

        var screen = await _chat.Send("/start");

        Assert.Equal(ChatFixture.Text("chat.notLinked"), screen.Text);
    }

    [Fact]
    public async Task Settings_EnglishChosen_SticksWhenUpdatesSayRussian()
    {
        var shop = _chat.CreateAccount();
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");
        await _chat.Link(shop.Id);
        var russian = await _chat.Press("set");
        Assert.StartsWith("<b>Настройки</b>\nЯзык: Русский", russian.Text, StringComparison.Ordinal);

        var english = await _chat.Press("lang:en");

        Assert.StartsWith("<b>Settings</b>\nLanguage: English", english.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Settings, _chat.Session().State);
        var menu = await _chat.Send("/menu");
        Assert.Equal("<b>Flower shop</b>\nBalance: $0.00", menu.Text);
        Assert.Equal("Balance", _chat.ButtonWith("bal").Text);

        _chat.Restart();
        await _chat.Press("bal");
        Assert.Contains("Daily tariff: $3.33", _chat.LastScreen().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_RussianChosen_SticksWhenUpdatesSayEnglish()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("set");

        await _chat.Press("lang:ru");
        var menu = await _chat.Send("/menu");

        Assert.Equal("<b>Flower shop</b>\nБаланс: 0,00 $", menu.Text);
    }
}
