using System.Text;
using Telegram.Bot.Types.Enums;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// Checks text against its parse mode the way Telegram does and returns what the user would read.
/// Malformed markup fails with Telegram's "can't parse entities" errors, so escaping bugs show up in tests.
/// </summary>
internal static class MarkupParser
{
    public static ParseMode ParseModeOf(string? value) => value?.ToUpperInvariant() switch
    {
        null or "" => ParseMode.None,
        "HTML" => ParseMode.Html,
        "MARKDOWNV2" => ParseMode.MarkdownV2,
        "MARKDOWN" => ParseMode.Markdown,
        _ => throw ApiError.BadRequest("unsupported parse_mode"),
    };

    public static string ToPlainText(string text, ParseMode mode) => mode switch
    {
        ParseMode.Html => HtmlMarkup.ToPlainText(text),
        ParseMode.MarkdownV2 => MarkdownMarkup.V2ToPlainText(text),
        ParseMode.Markdown => MarkdownMarkup.LegacyToPlainText(text),
        _ => text,
    };

    public static ApiError Fail(string detail) => ApiError.BadRequest("can't parse entities: " + detail);

    public static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}
