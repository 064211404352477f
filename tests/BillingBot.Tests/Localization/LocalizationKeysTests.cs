using System.Text.RegularExpressions;
using BillingBot.Localization;

namespace BillingBot.Tests.Localization;

/// <summary>Keys the code uses and keys the files hold: none missing, none left over.</summary>
public sealed partial class LocalizationKeysTests
{
    private static readonly Localizer Texts = Localizer.Load();

    [Fact]
    public void Keys_UsedInCode_AreInEveryLanguage()
    {
        var (keys, _) = KeysInCode();
        foreach (var language in Texts.Languages)
        {
            var missing = keys.Where(k => !Texts.TextsOf(language).ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"{language}.json lacks: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public void Keys_InFiles_AreUsedByCode()
    {
        var (keys, prefixes) = KeysInCode();
        var unused = Texts.TextsOf("en").Keys
            .Where(k => !keys.Contains(k) && !prefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(unused.Count == 0, $"keys nothing uses: {string.Join(", ", unused)}");
    }

    /// <summary>
    /// Every string literal of the program shaped like a key; one ending in a dot is a prefix the code completes
    /// (<c>"error." + code</c>, <c>"enum." + type</c>), whose completions are checked by the tests of their own.
    /// </summary>
    private static (HashSet<string> Keys, HashSet<string> Prefixes) KeysInCode()
    {
        var source = Repository.PathOf("src", "BillingBot");
        var literals = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups["key"].Value))
            .ToHashSet(StringComparer.Ordinal);
        return (literals.Where(l => !l.EndsWith('.')).ToHashSet(StringComparer.Ordinal), literals.Where(l => l.EndsWith('.')).ToHashSet(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"""(?<key>(?:chat|cli|doc|entry|error|enum|command|console|language|configuration|notify|op)\.(?:[A-Za-z0-9]+\.?)*)""")]
    private static partial Regex KeyLiteral();
}
