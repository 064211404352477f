using BillingBot.Documents;
using BillingBot.Localization;

namespace BillingBot.Tests.Documents;

/// <summary>The embedded fonts are subsets (Latin, Cyrillic, money signs): small documents that still draw every text.</summary>
public sealed class DocumentFontsTests
{
    [Fact]
    public void Fonts_EveryCharacterOfEveryTextAndMoneySign_HaveGlyphs()
    {
        var texts = Localizer.Load();
        var used = texts.Languages.SelectMany(l => texts.TextsOf(l).Where(t => t.Key.StartsWith("doc.", StringComparison.Ordinal)).SelectMany(t => t.Value))
            .Concat("₽€$£¥№−–—«»…\u00a0ЁёЪъ0123456789")
            .Where(c => !char.IsControl(c) && !char.IsSurrogate(c))
            .Distinct()
            .ToList();

        foreach (var font in new[] { DocumentFonts.Regular, DocumentFonts.Bold })
        {
            var missing = used.Where(c => font.GetGlyph(c) == 0).ToList();
            Assert.True(missing.Count == 0, $"{font.FamilyName} has no glyph for: {string.Concat(missing)}");
        }
    }

    [Fact]
    public void StatementPdf_OnePage_UnderAHundredKilobytes()
    {
        using var docs = new DocumentFixture(new DateTimeOffset(2022, 8, 31, 9, 0, 0, TimeSpan.Zero));
        var shop = StatementMonths.MoscowShop(docs);

        var pdf = docs.Documents.StatementPdf(shop.Id, new DateOnly(2022, 9, 1), "ru");

        // The whole DejaVu Sans made every page about 750 KB; the unhinted subsets make it about 60 KB.
        Assert.Single(DocumentFixture.Pages(pdf));
        Assert.InRange(pdf.Content.Length, 1, 100 * 1024);
    }
}
