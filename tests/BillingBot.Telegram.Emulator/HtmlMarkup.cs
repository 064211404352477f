using System.Globalization;
using System.Text;

namespace BillingBot.Telegram.Emulator;

/// <summary>Telegram's HTML parse mode: its few tags, nesting, and the entities it decodes.</summary>
internal static class HtmlMarkup
{
    private static readonly HashSet<string> Tags = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre",
        "code", "blockquote",
    };

    public static string ToPlainText(string text)
    {
        var plain = new StringBuilder(text.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '&')
            {
                var (decoded, length) = HtmlEntity(text, i);
                plain.Append(decoded);
                i += length;
                continue;
            }

            if (c != '<')
            {
                plain.Append(c);
                i++;
                continue;
            }

            var start = i;
            var closing = i + 1 < text.Length && text[i + 1] == '/';
            var nameStart = closing ? i + 2 : i + 1;
            var nameEnd = nameStart;
            while (nameEnd < text.Length && (char.IsAsciiLetterOrDigit(text[nameEnd]) || text[nameEnd] == '-'))
            {
                nameEnd++;
            }

            var name = text[nameStart..nameEnd];
            var end = TagEnd(text, nameEnd);
            if (closing)
            {
                if (end < 0)
                {
                    throw MarkupParser.Fail($"Can't find end tag corresponding to start tag at byte offset {MarkupParser.ByteOffset(text, start)}");
                }

                if (open.Count == 0)
                {
                    throw MarkupParser.Fail($"Unexpected end tag at byte offset {MarkupParser.ByteOffset(text, start)}");
                }

                var expected = open.Pop();
                if (!expected.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    throw MarkupParser.Fail(
                        $"Unmatched end tag at byte offset {MarkupParser.ByteOffset(text, start)}, expected \"</{expected}>\", found \"</{name}>\"");
                }
            }
            else
            {
                if (name.Length == 0 || !Tags.Contains(name))
                {
                    throw MarkupParser.Fail($"Unsupported start tag \"{name}\" at byte offset {MarkupParser.ByteOffset(text, start)}");
                }

                if (end < 0)
                {
                    throw MarkupParser.Fail($"Unclosed start tag at byte offset {MarkupParser.ByteOffset(text, start)}");
                }

                if (name.Equals("span", StringComparison.OrdinalIgnoreCase)
                    && !text[nameEnd..end].Contains("tg-spoiler", StringComparison.Ordinal))
                {
                    throw MarkupParser.Fail($"Tag \"span\" must have class \"tg-spoiler\" at byte offset {MarkupParser.ByteOffset(text, start)}");
                }

                open.Push(name);
            }

            i = end + 1;
        }

        return open.Count > 0
            ? throw MarkupParser.Fail($"Can't find end tag corresponding to start tag \"{open.Peek()}\"")
            : plain.ToString();
    }

    /// <summary>Index of the '&gt;' closing a tag, skipping quoted attribute values; -1 when there is none.</summary>
    private static int TagEnd(string text, int from)
    {
        char? quote = null;
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                quote = c == quote ? null : quote;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '>')
            {
                return i;
            }
            else if (c == '<')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Telegram decodes the four named entities and numeric ones; any other '&amp;' stays as it is.</summary>
    private static (string Text, int Length) HtmlEntity(string text, int at)
    {
        var semicolon = text.IndexOf(';', at);
        if (semicolon > at && semicolon - at <= 10)
        {
            var body = text[(at + 1)..semicolon];
            var decoded = body switch
            {
                "lt" => "<",
                "gt" => ">",
                "amp" => "&",
                "quot" => "\"",
                _ when body.StartsWith("#x", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(body.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex)
                    => char.ConvertFromUtf32(hex),
                _ when body.StartsWith('#')
                    && int.TryParse(body.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    => char.ConvertFromUtf32(code),
                _ => null,
            };
            if (decoded is not null)
            {
                return (decoded, semicolon - at + 1);
            }
        }

        return ("&", 1);
    }
}
