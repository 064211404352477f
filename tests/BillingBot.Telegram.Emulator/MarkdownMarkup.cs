using System.Text;

namespace BillingBot.Telegram.Emulator;

/// <summary>Telegram's MarkdownV2 (every reserved character escaped) and legacy Markdown parse modes.</summary>
internal static class MarkdownMarkup
{
    private const string Reserved = "_*[]()~`>#+-=|{}.!";

    public static string V2ToPlainText(string text)
    {
        var plain = new StringBuilder(text.Length);
        var open = new Stack<(string Entity, int Offset)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var inCode = open.Count > 0 && open.Peek().Entity is "Code" or "Pre";
            if (c == '\\' && i + 1 < text.Length && text[i + 1] > 0 && text[i + 1] < 127)
            {
                plain.Append(text[i + 1]);
                i += 2;
            }
            else if (inCode)
            {
                var pre = open.Peek().Entity == "Pre";
                if (pre && string.CompareOrdinal(text, i, "```", 0, 3) == 0)
                {
                    open.Pop();
                    i += 3;
                }
                else if (!pre && c == '`')
                {
                    open.Pop();
                    i++;
                }
                else
                {
                    plain.Append(c);
                    i++;
                }
            }
            else if (!Reserved.Contains(c, StringComparison.Ordinal))
            {
                plain.Append(c);
                i++;
            }
            else
            {
                i = MarkdownV2Entity(text, i, open);
            }
        }

        return open.Count > 0
            ? throw MarkupParser.Fail($"Can't find end of {open.Peek().Entity} entity at byte offset {open.Peek().Offset}")
            : plain.ToString();
    }

    /// <summary>Handles a reserved character at <paramref name="i"/>; returns the index after it.</summary>
    private static int MarkdownV2Entity(string text, int i, Stack<(string Entity, int Offset)> open)
    {
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        switch (c)
        {
            case '_' when next == '_':
                Toggle("Underline");
                return i + 2;
            case '_':
                Toggle("Italic");
                return i + 1;
            case '*':
                Toggle("Bold");
                return i + 1;
            case '~':
                Toggle("Strikethrough");
                return i + 1;
            case '|' when next == '|':
                Toggle("Spoiler");
                return i + 2;
            case '`' when string.CompareOrdinal(text, i, "```", 0, 3) == 0:
                open.Push(("Pre", MarkupParser.ByteOffset(text, i)));
                var lineEnd = text.IndexOf('\n', i + 3);
                return lineEnd < 0 ? i + 3 : lineEnd + 1;
            case '`':
                open.Push(("Code", MarkupParser.ByteOffset(text, i)));
                return i + 1;
            case '[':
                open.Push(("TextUrl", MarkupParser.ByteOffset(text, i)));
                return i + 1;
            case ']' when open.Count > 0 && open.Peek().Entity == "TextUrl":
                open.Pop();
                return next == '(' ? UrlEnd(text, i + 2) : i + 1;
            case '>' when i == 0 || text[i - 1] == '\n':
                return i + 1;
            default:
                throw MarkupParser.Fail($"Character '{c}' is reserved and must be escaped with the preceding '\\'");
        }

        void Toggle(string entity)
        {
            if (open.Count > 0 && open.Peek().Entity == entity)
            {
                open.Pop();
            }
            else if (open.Any(e => e.Entity == entity))
            {
                throw MarkupParser.Fail($"Can't find end of {open.Peek().Entity} entity at byte offset {open.Peek().Offset}");
            }
            else
            {
                open.Push((entity, MarkupParser.ByteOffset(text, i)));
            }
        }
    }

    private static int UrlEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == ')')
            {
                return i + 1;
            }
        }

        throw MarkupParser.Fail($"Can't find end of a URL at byte offset {MarkupParser.ByteOffset(text, from)}");
    }

    public static string LegacyToPlainText(string text)
    {
        var plain = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && text[i + 1] is '_' or '*' or '`' or '[')
            {
                plain.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (c is not ('_' or '*' or '`' or '['))
            {
                plain.Append(c);
                i++;
                continue;
            }

            var (close, length) = c switch
            {
                '`' when string.CompareOrdinal(text, i, "```", 0, 3) == 0 => ("```", 3),
                '[' => ("]", 1),
                _ => (c.ToString(), 1),
            };
            var end = text.IndexOf(close, i + length, StringComparison.Ordinal);
            if (end < 0)
            {
                throw MarkupParser.Fail($"Can't find end of the entity starting at byte offset {MarkupParser.ByteOffset(text, i)}");
            }

            plain.Append(text, i + length, end - i - length);
            i = end + close.Length;
            if (c == '[' && i < text.Length && text[i] == '(')
            {
                var urlEnd = text.IndexOf(')', i);
                i = urlEnd < 0 ? throw MarkupParser.Fail($"Can't find end of a URL at byte offset {MarkupParser.ByteOffset(text, i)}") : urlEnd + 1;
            }
        }

        return plain.ToString();
    }
}
