using System.Collections.Concurrent;
using BillingBot.Billing;
using BillingBot.Billing.Members;
using BillingBot.Hosting;
using BillingBot.Telegram.Emulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingBot.Telegram.Tests;

/// <summary>The real program's host, bot and all, polling the Bot API emulator, on a LiteDB file in a temp folder.</summary>
public sealed class BotHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BotHost(IHost host, BotApiEmulator emulator, string dbPath, TimeProvider time, LogCollector logs)
    {
        _host = host;
        Emulator = emulator;
        DbPath = dbPath;
        Time = time;
        Logs = logs;
    }

    public BotApiEmulator Emulator { get; }
    public string DbPath { get; }
    public TimeProvider Time { get; }
    public LogCollector Logs { get; }
    public BillingService Billing => _host.Services.GetRequiredService<BillingService>();

    /// <summary>Where the bot's HTTP endpoints listen (a free loopback port).</summary>
    public Uri HttpAddress => new(_host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public static async Task<BotHost> StartAsync(BotApiEmulator emulator, string dbPath, TimeProvider? time = null, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        // 08:00: past the quiet hours, before the 09:00 digests, so a conversation is not interleaved with them.
        time ??= new ShiftedClock(new DateTimeOffset(2022, 9, 29, 8, 0, 0, TimeSpan.Zero));
        var logs = new LogCollector();
        var builder = BillingHost.CreateBotBuilder([], [
            new("Telegram:Token", emulator.Token),
            new("Telegram:BaseUrl", emulator.BaseUrl.ToString()),
            new("Telegram:PollTimeoutSeconds", "1"),
            new("Storage:Path", dbPath),
            new("Logging:LogLevel:Default", "Debug"),
            new("Http:Urls", "http://127.0.0.1:0"),
            new("Admin:Urls", "http://127.0.0.1:0"),
            .. settings ?? [],
        ]);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Logging.AddProvider(logs);
        var host = builder.BuildBot();
        await host.StartAsync();
        return new BotHost(host, emulator, dbPath, time, logs);
    }

    /// <summary>Posts a payment of <paramref name="amount"/> USD to <paramref name="accountId"/> to the payment webhook, signed with <paramref name="secret"/>.</summary>
    public async Task<HttpResponseMessage> PostPaymentAsync(string secret, int accountId, string paymentId, decimal amount = 5)
    {
        var body = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { payment_id = paymentId, account_id = accountId, amount, currency = "USD" }));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(HttpAddress, Payments.PaymentWebhook.Path)) { Content = content };
        request.Headers.Add(Payments.PaymentWebhook.SignatureHeader, Payments.PaymentWebhook.Sign(secret, body));
        return await WebhookClient.SendAsync(request);
    }

    private static readonly HttpClient WebhookClient = new();

    /// <summary>A user who joined <paramref name="accountId"/> with a code of <paramref name="role"/>, in a private chat.</summary>
    public async Task<SentMessage> LinkAsync(long user, int accountId, Role role = Role.Owner, string language = "en")
    {
        var code = Billing.Members.Invite(accountId, role);
        Emulator.SendText(user, $"/start {code}", user, language);
        return await Emulator.WaitForMessageAsync(user, m => m.Buttons.Any());
    }

    /// <summary>Presses the button with <paramref name="text"/> under <paramref name="message"/> and waits for the screen it leads to.</summary>
    public async Task<SentMessage> PressAsync(SentMessage message, string text, string language = "en")
    {
        var button = message.Button(text);
        var query = Emulator.PressButton(message.ChatId, message.Id, button.CallbackData!, message.ChatId, language);
        // The screen a press leads to is the pressed message, edited; a notification arriving meanwhile is not it.
        var screen = await Emulator.WaitForMessageAsync(message.ChatId, m => m.Id == message.Id);
        await Emulator.WaitForCallbackAnswerAsync(query.Id);
        return screen;
    }

    public async Task<SentMessage> SayAsync(long chat, string text, string language = "en")
    {
        Emulator.SendText(chat, text, chat, language);
        return await Emulator.WaitForMessageAsync(chat);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>A clock that starts on a chosen day and runs at the real pace, so the host's own waits and timers work.</summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}

/// <summary>Every log line the host writes, exception text included, to check what never may appear in a log.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Collector(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
