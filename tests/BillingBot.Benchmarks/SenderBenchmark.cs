using System.Diagnostics;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Localization;
using BillingBot.Notifications;
using BillingBot.Telegram.Emulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace BillingBot.Benchmarks;

/// <summary>
/// N digests to N chats through the real sender and Telegram.Bot client, against the emulator enforcing a limit of
/// L messages a second with 429s, the sender configured to the same limit: the achieved rate against L, and nothing
/// lost, doubled or refused.
/// </summary>
internal static class SenderBenchmark
{
    public static async Task RunAsync(Workspace workspace, int limit, int count)
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        emulator.LimitSends(limit);
        using var store = new BillingStore(workspace.File($"sender-{limit}.db"));
        var billing = new BillingService(store, TimeProvider.System, new BillingSettings());
        var options = Options.Create(new NotificationOptions { GlobalPerSecond = limit });
        var notifier = new Notifier(billing, Localizer.Load(), TimeProvider.System, options);
        var now = TimeProvider.System.GetUtcNow();
        notifier.Store(() => notifier.Messages.InsertBulk(Enumerable.Range(1, count).Select(chat => new OutboxMessage
        {
            Id = $"digest:{chat}:bench",
            ChatId = chat,
            Text = $"<b>Digest</b> for chat {chat}",
            NotBefore = now,
            CreatedAt = now,
        })));

        var client = new TelegramBotClient(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl.ToString()) { RetryCount = 0 });
        using var sender = new NotificationSender(notifier, new TelegramChannel(client), TimeProvider.System, options, NullLogger<NotificationSender>.Instance);
        var clock = Stopwatch.StartNew();
        await sender.StartAsync(CancellationToken.None);
        var deadline = TimeSpan.FromSeconds(count * 3.0 / limit + 30);
        // Watched at the emulator, not in the store: polling the store would compete with the sender for it.
        while (emulator.Calls.Count(c => c.Method == "sendMessage" && c.StatusCode == 200) < count && clock.Elapsed < deadline)
        {
            await Task.Delay(100);
        }

        var elapsed = clock.Elapsed;
        await sender.StopAsync(CancellationToken.None);

        var perChat = Enumerable.Range(1, count).Select(chat => emulator.Messages(chat).Count).ToList();
        var lost = perChat.Count(n => n == 0);
        var doubled = perChat.Count(n => n > 1);
        var refused = emulator.Calls.Count(c => c.StatusCode == 429);
        var ratio = count / elapsed.TotalSeconds / limit;
        Figures.Print(
            $"send {Figures.Number(count)} digests at L = {Figures.Number(limit)} msg/s",
            $"{Figures.Seconds(elapsed)}, {Figures.Number(count / elapsed.TotalSeconds, "0.0")} msg/s, rate/L {Figures.Number(ratio, "0.000")}, lost {lost}, doubled {doubled}, 429s {refused}",
            ">= 0.95, 0 lost, 0 doubled, 0 429s",
            ratio >= 0.95 && lost == 0 && doubled == 0 && refused == 0);
    }
}
