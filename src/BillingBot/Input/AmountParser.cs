using System.Globalization;
using System.Text.RegularExpressions;

namespace BillingBot.Input;

/// <summary>Reads an amount as people type it: <c>100</c>, <c>100.50</c>, <c>100,50</c>, <c>1 000</c>; never by the current culture.</summary>
internal static partial class AmountParser
{
    // A comma or a point is always the decimal separator; thousands are grouped only with spaces,
    // so "1,000" is one, not a thousand. Digit counts are capped so decimal never rounds silently.
    [GeneratedRegex(@"^(?<sign>-)?(?<whole>[0-9]{1,3}(?:[ \u00A0\u202F][0-9]{3})+|[0-9]{1,16})(?:[.,](?<fraction>[0-9]{1,10}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Parses a signed amount; the money model decides whether it is positive, fine enough and small enough.</summary>
    public static bool TryParse(string? text, out decimal amount)
    {
        amount = 0;
        var match = Shape().Match(text?.Trim() ?? "");
        if (!match.Success)
        {
            return false;
        }

        var whole = string.Concat(match.Groups["whole"].Value.Where(char.IsAsciiDigit));
        var fraction = match.Groups["fraction"];
        var normalized = match.Groups["sign"].Value + whole + (fraction.Success ? "." + fraction.Value : "");
        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }
}
