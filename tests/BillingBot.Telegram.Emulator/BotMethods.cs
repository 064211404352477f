using System.Globalization;
using System.Text.RegularExpressions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.Payments;

namespace BillingBot.Telegram.Emulator;

/// <summary>The Bot API methods the emulator implements, by name (case-insensitive, as Telegram treats them).</summary>
internal sealed partial class BotMethods
{
    private readonly ServerState _state;
    private readonly UpdateQueue _updates;
    private readonly QueryAnswers _answers;
    private readonly CommandRegistry _commands;
    private readonly CancellationToken _stopping;
    private readonly Dictionary<string, Func<ApiParameters, CancellationToken, Task<object>>> _methods;
    private int _lastFileId;
    private int _lastInvoiceLink;

    public BotMethods(ServerState state, UpdateQueue updates, QueryAnswers answers, CommandRegistry commands, CancellationToken stopping)
    {
        _state = state;
        _updates = updates;
        _answers = answers;
        _commands = commands;
        _stopping = stopping;
        _methods = new(StringComparer.OrdinalIgnoreCase)
        {
            ["getMe"] = Sync(_ => _state.Bot),
            ["getUpdates"] = GetUpdatesAsync,
            ["deleteWebhook"] = Sync(DeleteWebhook),
            ["setWebhook"] = Sync(SetWebhook),
            ["getWebhookInfo"] = Sync(_ => new WebhookInfo { Url = Webhook?.Url ?? "", PendingUpdateCount = _updates.PendingCount }),
            ["sendMessage"] = Sync(SendMessage),
            ["editMessageText"] = Sync(EditMessageText),
            ["editMessageReplyMarkup"] = Sync(EditMessageReplyMarkup),
            ["deleteMessage"] = Sync(DeleteMessage),
            ["sendChatAction"] = Sync(SendChatAction),
            ["answerCallbackQuery"] = Sync(AnswerCallbackQuery),
            ["setMyCommands"] = Sync(SetMyCommands),
            ["getMyCommands"] = Sync(p => _commands.Get(p.String("language_code") ?? "").ToArray()),
            ["deleteMyCommands"] = Sync(DeleteMyCommands),
            ["sendDocument"] = Sync(p => SendFile(p, MessageKind.Document, "document")),
            ["sendPhoto"] = Sync(p => SendFile(p, MessageKind.Photo, "photo")),
            ["sendInvoice"] = Sync(SendInvoice),
            ["createInvoiceLink"] = Sync(CreateInvoiceLink),
            ["answerPreCheckoutQuery"] = Sync(AnswerPreCheckoutQuery),
        };
    }

    public Func<ApiParameters, CancellationToken, Task<object>>? Find(string method) =>
        _methods.GetValueOrDefault(method);

    private static Func<ApiParameters, CancellationToken, Task<object>> Sync(Func<ApiParameters, object> method) =>
        (parameters, _) => Task.FromResult(method(parameters));

    private async Task<object> GetUpdatesAsync(ApiParameters p, CancellationToken aborted)
    {
        var limit = p.Int("limit") is > 0 and var given ? Math.Min(given, 100) : 100;
        var timeout = Math.Max(0, p.Int("timeout") ?? 0);
        return new UpdateBatch(await _updates.PollAsync(p.Int("offset"), limit, timeout, aborted, _stopping));
    }

    /// <summary>The webhook the bot set, with its secret token; null when none is set.</summary>
    public WebhookSetting? Webhook { get; private set; }

    private object SetWebhook(ApiParameters p)
    {
        var url = p.String("url") ?? throw ApiError.BadRequest("bad webhook: URL is empty");
        if (!url.StartsWith("https://", StringComparison.Ordinal))
        {
            throw ApiError.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }

        Webhook = new WebhookSetting(url, p.String("secret_token"));
        return true;
    }

    private object DeleteWebhook(ApiParameters p)
    {
        Webhook = null;
        if (p.Bool("drop_pending_updates"))
        {
            _updates.DropAll();
        }

        return true;
    }

    private object SendMessage(ApiParameters p)
    {
        var chatId = p.ChatId();
        var text = p.Required("text", "message text is empty");
        var (mode, plain) = Formatted(p, text, 4096, "message is too long");
        var markup = Markup.Parse(p.Structured("reply_markup"));
        return _state.Send(chatId, Draft(MessageKind.Text, text, plain, mode, markup) with { LinkPreviewDisabled = NoPreview(p) }, markup);
    }

    private object EditMessageText(ApiParameters p)
    {
        RejectInline(p);
        var chatId = p.ChatId();
        var messageId = p.MessageId();
        var text = p.Required("text", "message text is empty");
        var (mode, plain) = Formatted(p, text, 4096, "MESSAGE_TOO_LONG");
        var markup = Markup.Parse(p.Structured("reply_markup"));
        return _state.EditText(chatId, messageId, text, plain, mode, NoPreview(p), markup);
    }

    private object EditMessageReplyMarkup(ApiParameters p)
    {
        RejectInline(p);
        return _state.EditMarkup(p.ChatId(), p.MessageId(), Markup.Parse(p.Structured("reply_markup")));
    }

    private object DeleteMessage(ApiParameters p)
    {
        _state.Delete(p.ChatId(), p.MessageId());
        return true;
    }

    private object SendChatAction(ApiParameters p)
    {
        var chatId = p.ChatId();
        return _state.IsBlocked(chatId) ? throw ApiError.Forbidden("bot was blocked by the user") : true;
    }

    private object AnswerCallbackQuery(ApiParameters p)
    {
        var id = p.Required("callback_query_id", "query is too old and response timeout expired or query ID is invalid");
        var answer = new CallbackAnswer(id, p.String("text"), p.Bool("show_alert"), p.String("url"));
        var chatId = _answers.Answer(answer);
        _state.Note(chatId, "« answered the button press" + (answer.Text is null ? "" : $": \"{answer.Text}\""));
        return true;
    }

    private object AnswerPreCheckoutQuery(ApiParameters p)
    {
        var id = p.Required("pre_checkout_query_id", "QUERY_ID_INVALID");
        if (!p.Has("ok"))
        {
            throw ApiError.BadRequest("parameter \"ok\" is required");
        }

        var answer = new PreCheckoutAnswer(id, p.Bool("ok"), p.String("error_message"));
        if (!answer.Ok && string.IsNullOrWhiteSpace(answer.ErrorMessage))
        {
            throw ApiError.BadRequest("ERROR_MESSAGE_EMPTY");
        }

        var userId = _answers.Answer(answer);
        _state.Note(userId, answer.Ok ? "« confirmed the pre-checkout query" : $"« refused the pre-checkout query: {answer.ErrorMessage}");
        return true;
    }

    private object SetMyCommands(ApiParameters p)
    {
        var commands = p.Object<BotCommand[]>("commands") ?? throw ApiError.BadRequest("parameter \"commands\" is required");
        if (commands.Length > 100 || commands.Any(c => c.Command is null || !CommandPattern().IsMatch(c.Command)))
        {
            throw ApiError.BadRequest("BOT_COMMAND_INVALID");
        }

        if (commands.Any(c => c.Description is not { Length: >= 1 and <= 256 }))
        {
            throw ApiError.BadRequest("BOT_COMMAND_DESCRIPTION_INVALID");
        }

        _commands.Set(p.String("language_code") ?? "", commands);
        return true;
    }

    private object DeleteMyCommands(ApiParameters p)
    {
        _commands.Set(p.String("language_code") ?? "", []);
        return true;
    }

    private Message SendFile(ApiParameters p, MessageKind kind, string parameter)
    {
        var chatId = p.ChatId();
        var upload = p.Upload(parameter);
        var reference = upload is null ? p.String(parameter) : null;
        if (upload is null && string.IsNullOrEmpty(reference))
        {
            throw ApiError.BadRequest($"there is no {parameter} in the request");
        }

        var caption = p.String("caption") ?? "";
        var (mode, plain) = caption.Length == 0
            ? (MarkupParser.ParseModeOf(p.String("parse_mode")), "")
            : Formatted(p, caption, 1024, "message caption is too long");
        var fileId = "BQACAgIAAxk-emulated-" + Interlocked.Increment(ref _lastFileId).ToString(CultureInfo.InvariantCulture);
        var file = new SentFile(chatId, 0, kind, fileId, upload?.FileName ?? reference!, upload?.ContentType, upload?.Content);
        var markup = Markup.Parse(p.Structured("reply_markup"));
        return _state.Send(chatId, Draft(kind, caption, plain, mode, markup) with { File = file }, markup);
    }

    private object SendInvoice(ApiParameters p)
    {
        var chatId = p.ChatId();
        var invoice = Invoice(p);
        var markup = Markup.Parse(p.Structured("reply_markup"));
        return _state.Send(chatId, Draft(MessageKind.Invoice, "", "", ParseMode.None, markup) with { Invoice = invoice }, markup);
    }

    private object CreateInvoiceLink(ApiParameters p)
    {
        _ = Invoice(p);
        return "https://t.me/$emulated-invoice-" + Interlocked.Increment(ref _lastInvoiceLink).ToString(CultureInfo.InvariantCulture);
    }

    private static SentInvoice Invoice(ApiParameters p)
    {
        var title = p.Required("title", "INVOICE_TITLE_EMPTY");
        var description = p.Required("description", "INVOICE_DESCRIPTION_EMPTY");
        var payload = p.Required("payload", "INVOICE_PAYLOAD_EMPTY");
        var currency = p.Required("currency", "CURRENCY_INVALID");
        var prices = p.Object<LabeledPrice[]>("prices");
        if (title.Length > 32 || description.Length > 255 || payload.Length > 128)
        {
            throw ApiError.BadRequest(title.Length > 32 ? "INVOICE_TITLE_TOO_LONG" : "data is too long");
        }

        if (currency.Length != 3 || prices is not { Length: > 0 })
        {
            throw ApiError.BadRequest(currency.Length != 3 ? "CURRENCY_INVALID" : "parameter \"prices\" is required");
        }

        return new SentInvoice(title, description, payload, currency, prices.Sum(price => price.Amount), prices);
    }

    private static SentMessage Draft(MessageKind kind, string text, string plain, ParseMode mode, Markup markup) => new()
    {
        ChatId = 0,
        Id = 0,
        Kind = kind,
        Text = text,
        PlainText = plain,
        ParseMode = mode,
        Keyboard = markup.Rows,
        Date = default,
    };

    private static (ParseMode Mode, string Plain) Formatted(ApiParameters p, string text, int limit, string tooLong)
    {
        var mode = MarkupParser.ParseModeOf(p.String("parse_mode"));
        var plain = MarkupParser.ToPlainText(text, mode);
        if (string.IsNullOrWhiteSpace(plain))
        {
            throw ApiError.BadRequest("message text is empty");
        }

        return plain.Length > limit ? throw ApiError.BadRequest(tooLong) : (mode, plain);
    }

    private static bool NoPreview(ApiParameters p) =>
        p.Bool("disable_web_page_preview") || p.Structured("link_preview_options")?["is_disabled"]?.GetValue<bool>() == true;

    private static void RejectInline(ApiParameters p)
    {
        if (p.Has("inline_message_id"))
        {
            throw ApiError.BadRequest("inline messages are not supported by the emulator");
        }
    }

    [GeneratedRegex("^[a-z0-9_]{1,32}$")]
    private static partial Regex CommandPattern();
}

/// <summary>The JSON of the updates a getUpdates call returns, serialized once when queued.</summary>
internal sealed record UpdateBatch(IReadOnlyList<byte[]> Updates);
