using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.Payments;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// A fake Telegram Bot API server on 127.0.0.1 for tests: point the real Telegram.Bot client at
/// <see cref="BaseUrl"/>, inject what users do, and read what the bot did. Thread-safe; no static state.
/// </summary>
public sealed class BotApiEmulator : IAsyncDisposable
{
    public const string DefaultToken = "123456:TEST-TOKEN";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ServerState _state;
    private readonly UpdateQueue _updates;
    private readonly QueryAnswers _answers = new();
    private readonly CommandRegistry _commands = new();
    private readonly FaultPlan _faults = new();
    private readonly ApiEndpoint _endpoint;
    private readonly BotMethods _methods;
    private readonly ConcurrentDictionary<long, string> _names = new();
    private int _disposed;

    private BotApiEmulator(string token, long botId, TimeProvider time)
    {
        Token = token;
        _updates = new UpdateQueue(time);
        _state = new ServerState(
            new User { Id = botId, IsBot = true, FirstName = "Emulated Bot", Username = "emulated_test_bot", CanJoinGroups = true },
            time);
        _methods = new BotMethods(_state, _updates, _answers, _commands, _stopping.Token);
        _endpoint = new ApiEndpoint(token, _methods, _faults);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
        });
        _app = builder.Build();
        _app.Run(_endpoint.HandleAsync);
    }

    /// <summary>The token the bot must use; any other gets 401 Unauthorized.</summary>
    public string Token { get; }

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:{port}/ — pass it as Telegram.Bot's baseUrl.</summary>
    public Uri BaseUrl => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The bot's own user, as getMe returns it.</summary>
    public User Bot => _state.Bot;

    /// <summary>How long the Wait… methods wait when not told (10 s).</summary>
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Starts the server on a free loopback port.</summary>
    /// <param name="token">The bot token; the part before ':' is the bot's user id.</param>
    /// <param name="timeProvider">Clock for message dates (the default is the system clock); waits use real time.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<BotApiEmulator> StartAsync(
        string token = DefaultToken,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var botId))
        {
            throw new ArgumentException("A bot token looks like \"123456:ABC-DEF\".", nameof(token));
        }

        var emulator = new BotApiEmulator(token, botId, timeProvider ?? TimeProvider.System);
        await emulator._app.StartAsync(cancellationToken);
        var address = emulator._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.Single();
        emulator.Port = new Uri(address).Port;
        return emulator;
    }

    /// <summary>A user writes <paramref name="text"/> (a private chat when chatId &gt; 0, a group when &lt; 0).</summary>
    /// <remarks>Writing to a bot the user blocked unblocks it first, as in Telegram.</remarks>
    public Message SendText(long chatId, string text, long? userId = null, string languageCode = "en", string? firstName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var from = User(chatId, userId, languageCode, firstName);
        if (_state.IsBlocked(chatId))
        {
            _updates.Enqueue(new Update { MyChatMember = _state.SetBlocked(chatId, blocked: false, from) });
        }

        var message = _state.UserMessage(chatId, from, $"» {from.FirstName}: {text}", m =>
        {
            m.Text = text;
            if (text.StartsWith('/'))
            {
                var end = text.IndexOfAny([' ', '\n']);
                m.Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = end < 0 ? text.Length : end }];
            }
        });
        _updates.Enqueue(new Update { Message = message });
        return message;
    }

    /// <summary>A user presses an inline button carrying <paramref name="data"/> under bot message <paramref name="messageId"/>.</summary>
    /// <remarks>Any data is accepted, so tests can forge presses of buttons the bot never sent.</remarks>
    public CallbackQuery PressButton(long chatId, int messageId, string data, long? userId = null, string languageCode = "en")
    {
        ArgumentNullException.ThrowIfNull(data);
        var from = User(chatId, userId, languageCode, null);
        var query = _state.UserPress(chatId, messageId, from, data, _answers.NewCallback(chatId));
        _updates.Enqueue(new Update { CallbackQuery = query });
        return query;
    }

    /// <summary>The user blocks the bot: a my_chat_member update (member → kicked) is queued and sends to the chat fail with 403.</summary>
    public void BlockBot(long chatId) =>
        _updates.Enqueue(new Update { MyChatMember = _state.SetBlocked(chatId, blocked: true, null) });

    /// <summary>
    /// The group is upgraded to a supergroup: both service messages are queued, and sends to the old id answer 400 with
    /// parameters.migrate_to_chat_id, as in Telegram.
    /// </summary>
    public void UpgradeToSupergroup(long groupId, long supergroupId, long userId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(groupId, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(supergroupId, 0);
        var (old, upgraded) = _state.Migrate(groupId, supergroupId, User(groupId, userId, "en", null));
        _updates.Enqueue(new Update { Message = old });
        _updates.Enqueue(new Update { Message = upgraded });
    }

    /// <summary>The user unblocks the bot: a my_chat_member update (kicked → member); sends work again.</summary>
    public void UnblockBot(long chatId) =>
        _updates.Enqueue(new Update { MyChatMember = _state.SetBlocked(chatId, blocked: false, null) });

    /// <summary>Telegram asks the bot to confirm a payment; answer it with answerPreCheckoutQuery.</summary>
    public PreCheckoutQuery PreCheckout(long userId, string payload, string currency, int totalAmount)
    {
        var from = User(userId, userId, "en", null);
        var query = new PreCheckoutQuery
        {
            Id = _answers.NewPreCheckout(userId),
            From = from,
            Currency = currency,
            TotalAmount = totalAmount,
            InvoicePayload = payload,
        };
        _state.Note(userId, $"» {from.FirstName} confirms paying {totalAmount} {currency} for \"{payload}\" (pre-checkout {query.Id})");
        _updates.Enqueue(new Update { PreCheckoutQuery = query });
        return query;
    }

    /// <summary>A payment went through: the service message with successful_payment in the user's private chat.</summary>
    public Message SuccessfulPayment(long chatId, string payload, string currency, int totalAmount, string chargeId)
    {
        var from = User(chatId, null, "en", null);
        var message = _state.UserMessage(chatId, from, $"» {from.FirstName} paid {totalAmount} {currency} for \"{payload}\" (charge {chargeId})", m =>
            m.SuccessfulPayment = new SuccessfulPayment
            {
                Currency = currency,
                TotalAmount = totalAmount,
                InvoicePayload = payload,
                TelegramPaymentChargeId = chargeId,
                ProviderPaymentChargeId = "provider-" + chargeId,
            });
        _updates.Enqueue(new Update { Message = message });
        return message;
    }

    /// <summary>Queues any update; it gets the next update_id (set on the object) and that id is returned.</summary>
    public int Enqueue(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return _updates.Enqueue(update);
    }

    /// <summary>Until disposed, getUpdates sees nothing; then everything queued meanwhile is delivered at once.</summary>
    public IDisposable HoldUpdates() => _updates.Hold();

    /// <summary>Every bot message in the chat that is not deleted, by id, as it is now (after edits).</summary>
    public IReadOnlyList<SentMessage> Messages(long chatId) => _state.Messages(chatId);

    /// <summary>
    /// Waits for a bot message in the chat, new or edited, that matches; throws <see cref="TimeoutException"/> with
    /// the chat's transcript. Only messages after the last injected user action (and after the previous match) count.
    /// </summary>
    public Task<SentMessage> WaitForMessageAsync(long chatId, Func<SentMessage, bool>? predicate = null, TimeSpan? timeout = null) =>
        _state.WaitForMessageAsync(chatId, predicate, timeout ?? DefaultTimeout, _stopping.Token);

    /// <summary>What happened in the chat, one line per step (» user, « bot, ✎ edit, ✗ refused or deleted).</summary>
    public IReadOnlyList<string> Transcript(long chatId) => _state.Transcript(chatId);

    /// <summary>Every request the bot made, in the order they were answered.</summary>
    public IReadOnlyList<ApiCall> Calls => _endpoint.Calls;

    /// <summary>Documents and photos the bot sent to the chat, in order.</summary>
    public IReadOnlyList<SentFile> Files(long chatId) => _state.Files(chatId);

    /// <summary>Command lists by language_code ("" is the default list).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BotCommand>> Commands => _commands.Snapshot();

    public bool IsAnswered(string callbackQueryId) => _answers.CallbackAnswerFor(callbackQueryId) is not null;

    public CallbackAnswer? CallbackAnswerFor(string callbackQueryId) => _answers.CallbackAnswerFor(callbackQueryId);

    public Task<CallbackAnswer> WaitForCallbackAnswerAsync(string callbackQueryId, TimeSpan? timeout = null) =>
        _answers.WaitForCallbackAnswerAsync(callbackQueryId, timeout ?? DefaultTimeout, _stopping.Token);

    public PreCheckoutAnswer? PreCheckoutAnswerFor(string preCheckoutQueryId) => _answers.PreCheckoutAnswerFor(preCheckoutQueryId);

    public Task<PreCheckoutAnswer> WaitForPreCheckoutAnswerAsync(string preCheckoutQueryId, TimeSpan? timeout = null) =>
        _answers.WaitForPreCheckoutAnswerAsync(preCheckoutQueryId, timeout ?? DefaultTimeout, _stopping.Token);

    /// <summary>The highest offset the bot confirmed with getUpdates (0 before it confirmed anything).</summary>
    public int ConfirmedOffset => _updates.ConfirmedOffset;

    /// <summary>Updates queued and not yet confirmed (delivered or not).</summary>
    public int PendingUpdateCount => _updates.PendingCount;

    /// <summary>The webhook the bot set with setWebhook (null when none, or after deleteWebhook).</summary>
    public WebhookSetting? Webhook => _methods.Webhook;

    /// <summary>The id of the last update queued (0 before any).</summary>
    public int LastUpdateId => _updates.LastId;

    /// <summary>
    /// When getUpdates first handed the update to the bot, on the emulator's clock (the one of <see cref="SentMessage.Date"/>);
    /// null while it has not.
    /// </summary>
    public DateTimeOffset? DeliveredAt(int updateId) => _updates.DeliveredAt(updateId);

    /// <summary>Waits until the bot's offset moved past <paramref name="updateId"/>, i.e. it took the update as handled.</summary>
    public Task WaitForConfirmedAsync(int updateId, TimeSpan? timeout = null) =>
        _updates.WaitForConfirmedAsync(updateId, timeout ?? DefaultTimeout, _stopping.Token);

    /// <summary>
    /// The next <paramref name="times"/> calls of <paramref name="method"/> fail with this status before doing anything
    /// (429 carries parameters.retry_after). The description defaults to Telegram's text for the status.
    /// </summary>
    public void FailNext(string method, int statusCode, int? retryAfter = null, string? description = null, int times = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        var after = statusCode == 429 ? retryAfter ?? 1 : retryAfter;
        _faults.Add(method, new ApiError(statusCode, description ?? ApiError.DefaultDescription(statusCode, after), after), times);
    }

    /// <summary>Answers sends beyond <paramref name="perSecond"/> within any second with 429 and retry_after 1, as Telegram's flood control does; 0 lifts it.</summary>
    public void LimitSends(int perSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(perSecond);
        _faults.LimitSends(perSecond);
    }

    /// <summary>Stops the server; a pending long poll returns at once with no updates, waits throw.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private User User(long chatId, long? userId, string languageCode, string? firstName)
    {
        var id = userId ?? (chatId > 0
            ? chatId
            : throw new ArgumentException("In a group chat (chatId < 0) say which user acts.", nameof(userId)));
        var name = firstName is null ? _names.GetOrAdd(id, i => $"User {i}") : _names[id] = firstName;
        return new User { Id = id, IsBot = false, FirstName = name, LanguageCode = languageCode };
    }
}
