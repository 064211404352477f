using System.Globalization;

namespace BillingBot.Telegram.Emulator;

/// <summary>Callback and pre-checkout queries sent to the bot, and how (or whether) it answered them.</summary>
internal sealed class QueryAnswers
{
    private const string InvalidQuery = "query is too old and response timeout expired or query ID is invalid";

    private readonly Lock _gate = new();
    private readonly Signal _answered = new();
    private readonly Dictionary<string, (long ChatId, CallbackAnswer? Answer)> _callbacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long UserId, PreCheckoutAnswer? Answer)> _preCheckouts = new(StringComparer.Ordinal);
    private long _lastId = 4_611_686_000_000_000_000;

    public string NewCallback(long chatId)
    {
        lock (_gate)
        {
            var id = NextId();
            _callbacks[id] = (chatId, null);
            return id;
        }
    }

    public string NewPreCheckout(long userId)
    {
        lock (_gate)
        {
            var id = NextId();
            _preCheckouts[id] = (userId, null);
            return id;
        }
    }

    /// <summary>Records the answer; returns the chat of the pressed button.</summary>
    public long Answer(CallbackAnswer answer)
    {
        lock (_gate)
        {
            if (!_callbacks.TryGetValue(answer.CallbackQueryId, out var query) || query.Answer is not null)
            {
                throw ApiError.BadRequest(InvalidQuery);
            }

            _callbacks[answer.CallbackQueryId] = (query.ChatId, answer);
            _answered.Fire();
            return query.ChatId;
        }
    }

    /// <summary>Records the answer; returns the paying user.</summary>
    public long Answer(PreCheckoutAnswer answer)
    {
        lock (_gate)
        {
            if (!_preCheckouts.TryGetValue(answer.PreCheckoutQueryId, out var query) || query.Answer is not null)
            {
                throw ApiError.BadRequest("QUERY_ID_INVALID");
            }

            _preCheckouts[answer.PreCheckoutQueryId] = (query.UserId, answer);
            _answered.Fire();
            return query.UserId;
        }
    }

    public CallbackAnswer? CallbackAnswerFor(string callbackQueryId)
    {
        lock (_gate)
        {
            return _callbacks.TryGetValue(callbackQueryId, out var query) ? query.Answer : null;
        }
    }

    public PreCheckoutAnswer? PreCheckoutAnswerFor(string preCheckoutQueryId)
    {
        lock (_gate)
        {
            return _preCheckouts.TryGetValue(preCheckoutQueryId, out var query) ? query.Answer : null;
        }
    }

    public async Task<CallbackAnswer> WaitForCallbackAnswerAsync(string id, TimeSpan timeout, CancellationToken stopping)
    {
        CallbackAnswer? answer = null;
        await Waiting.UntilAsync(
            _gate,
            _answered,
            () => (answer = _callbacks.TryGetValue(id, out var query) ? query.Answer : null) is not null,
            timeout,
            () => $"The bot did not answer callback query {id} within {timeout.TotalSeconds:0.#} s.",
            stopping);
        return answer!;
    }

    public async Task<PreCheckoutAnswer> WaitForPreCheckoutAnswerAsync(string id, TimeSpan timeout, CancellationToken stopping)
    {
        PreCheckoutAnswer? answer = null;
        await Waiting.UntilAsync(
            _gate,
            _answered,
            () => (answer = _preCheckouts.TryGetValue(id, out var query) ? query.Answer : null) is not null,
            timeout,
            () => $"The bot did not answer pre-checkout query {id} within {timeout.TotalSeconds:0.#} s.",
            stopping);
        return answer!;
    }

    private string NextId() => (++_lastId).ToString(CultureInfo.InvariantCulture);
}
