using System.Text.RegularExpressions;
using BillingBot.Billing;
using BillingBot.Localization;

namespace BillingBot.Tests.Localization;

/// <summary>The shipped <c>localization/*.json</c> files: complete, consistent, and really translated.</summary>
public sealed partial class LocalizationFilesTests
{
    private static readonly Localizer Texts = Localizer.Load();

    public static TheoryData<string> Languages => ["en", "ru"];

    public static TheoryData<BillingError> Errors => [.. Enum.GetValues<BillingError>()];

    [Fact]
    public void Load_ShippedFiles_HasEnglishAndRussian()
    {
        Assert.Equal(["en", "ru"], Texts.Languages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Errors))]
    public void ErrorKey_EveryBillingError_IsInEveryLanguage(BillingError error)
    {
        foreach (var language in Texts.Languages)
        {
            Assert.True(Texts.TextsOf(language).ContainsKey("error." + error), $"{language}.json has no error.{error}");
        }
    }

    [Fact]
    public void Keys_EveryLanguage_HasTheSameKeys()
    {
        var english = Texts.TextsOf("en").Keys.ToHashSet();
        foreach (var language in Texts.Languages)
        {
            var keys = Texts.TextsOf(language).Keys.ToHashSet();
            Assert.Empty(english.Except(keys));
            Assert.Empty(keys.Except(english));
        }
    }

    [Fact]
    public void Placeholders_EveryText_HasTheSameInEveryLanguage()
    {
        foreach (var (key, english) in Texts.TextsOf("en"))
        {
            foreach (var language in Texts.Languages)
            {
                var text = Texts.TextsOf(language)[key];
                Assert.True(Localizer.PlaceholdersOf(english).SetEquals(Localizer.PlaceholdersOf(text)), $"{language}: {key} has other placeholders than English: {text}");
            }
        }
    }

    /// <summary>Texts whose Russian needs no word of its own: a sum in words is "Сто долларов 50 центов", with no "and".</summary>
    private static readonly string[] WordlessInRussian = ["doc.words"];

    [Fact]
    public void WordlessInRussian_TextsOfPlaceholdersOnly()
    {
        foreach (var key in WordlessInRussian)
        {
            Assert.Equal("", Placeholder().Replace(Texts.TextsOf("ru")[key], "").Trim(' '));
        }
    }

    [Fact]
    public void RussianTexts_WithWords_AreTranslated()
    {
        var english = Texts.TextsOf("en");
        foreach (var (key, text) in Texts.TextsOf("ru"))
        {
            // A language's own name is written in that language whatever the chat's language is.
            if (!key.StartsWith("language.", StringComparison.Ordinal) && !WordlessInRussian.Contains(key) && AsciiLetter().IsMatch(Placeholder().Replace(english[key], "")))
            {
                Assert.True(Cyrillic().IsMatch(text) && text != english[key], $"ru: {key} is not in Russian: {text}");
            }
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[A-Za-z]")]
    private static partial Regex AsciiLetter();

    [GeneratedRegex(@"\p{IsCyrillic}")]
    private static partial Regex Cyrillic();
}
