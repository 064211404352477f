using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Telegram.Bot;
using Telegram.Bot.Types.ReplyMarkups;

namespace BillingBot.Telegram.Emulator;

/// <summary>A message's reply_markup: the JSON the bot sent, and for an inline keyboard its buttons.</summary>
internal sealed record Markup(JsonNode? Json, InlineKeyboardMarkup? Inline, IReadOnlyList<IReadOnlyList<InlineButton>> Rows)
{
    public static Markup None { get; } = new(null, null, []);

    /// <summary>Same content as Telegram compares it when deciding whether an edit modifies anything.</summary>
    public bool SameAs(Markup other) => JsonNode.DeepEquals(Json, other.Json);

    public static Markup Parse(JsonNode? json)
    {
        if (json is null)
        {
            return None;
        }

        if (json is not JsonObject markup)
        {
            throw ApiError.BadRequest("can't parse reply keyboard markup JSON object");
        }

        if (markup["inline_keyboard"] is not { } keyboard)
        {
            // Reply keyboards, ForceReply and ReplyKeyboardRemove are kept as sent but have no inline buttons.
            return new Markup(json, null, []);
        }

        if (keyboard is not JsonArray rows || rows.Any(row => row is not JsonArray))
        {
            throw ApiError.BadRequest(
                "can't parse inline keyboard button: Field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays");
        }

        var parsed = rows.Select(row => (IReadOnlyList<InlineButton>)[.. row!.AsArray().Select(Button)]).ToList();
        InlineKeyboardMarkup? inline;
        try
        {
            inline = json.Deserialize<InlineKeyboardMarkup>(JsonBotAPI.Options);
        }
        catch (JsonException e)
        {
            throw new ApiError("Bad Request: can't parse inline keyboard button: " + e.Message, e);
        }

        return new Markup(json, inline, parsed);
    }

    private static InlineButton Button(JsonNode? node)
    {
        if (node is not JsonObject button || button["text"]?.GetValue<string>() is not { } text)
        {
            throw ApiError.BadRequest("can't parse inline keyboard button: Text must be non-empty");
        }

        var data = button["callback_data"]?.GetValue<string>();
        var url = button["url"]?.GetValue<string>();
        if (data is not null && Encoding.UTF8.GetByteCount(data) is 0 or > 64)
        {
            throw ApiError.BadRequest("BUTTON_DATA_INVALID");
        }

        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tg"))
        {
            throw ApiError.BadRequest("BUTTON_URL_INVALID");
        }

        if (button.Count == 1)
        {
            throw ApiError.BadRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }

        return new InlineButton(text, data, url);
    }
}
