using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Members;
using BillingBot.Hosting;
using BillingBot.Telegram.Emulator;
using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace BillingBot.Benchmarks;

/// <summary>
/// A burst of /menu from many linked chats at once, long-polled from the emulator by the real bot host after a warm-up,
/// against the ceiling of the same burst answered by a client that does no work: updates a second, the latency of each
/// update from getUpdates handing it over to its reply arriving, and every update answered exactly once.
/// </summary>
internal static class UpdateBenchmark
{
    private const int WarmUpPerChat = 3;

    /// <summary>Chats the no-work client answers at once; more does not make it faster here.</summary>
    private const int CeilingChatsAtOnce = 16;

    private static readonly TimeSpan TimeOut = TimeSpan.FromSeconds(120);

    private static readonly InlineKeyboardMarkup Keyboard = new([
        [InlineKeyboardButton.WithCallbackData("Balance", "bal"), InlineKeyboardButton.WithCallbackData("Top up", "top")],
        [InlineKeyboardButton.WithCallbackData("History", "his"), InlineKeyboardButton.WithCallbackData("Settings", "set")],
    ]);

    public static async Task RunAsync(Workspace workspace, int chats, int perChat)
    {
        // The ceiling before and after the bot, the faster counting: this machine's pace drifts within a run, too.
        var before = await CeilingAsync(chats, perChat);
        var (bot, failure) = await BotAsync(workspace, chats, perChat);
        var after = await CeilingAsync(chats, perChat);
        var ceiling = before.PerSecond >= after.PerSecond ? before : after;
        Figures.Print(
            $"update handling ceiling, {Figures.Number(chats * perChat)} /menu updates from {Figures.Number(chats)} chats queued at once, a client doing no work answering {CeilingChatsAtOnce} chats at once, after as many to warm up",
            $"{ceiling.Describe()} (the {(ceiling == before ? "first" : "second")} of two runs; the other {Figures.Number(Math.Min(before.PerSecond, after.PerSecond))} updates/s)");

        const string Target = ">= 65% of the ceiling, p99 <= 100 ms, 0 lost, 0 doubled";
        var what = $"update handling by the bot, the same burst, {Figures.Number(chats)} linked chats, after {Figures.Number(chats * WarmUpPerChat)} updates to warm up";
        if (bot is null)
        {
            Figures.Print(what, failure!, Target, met: false);
            return;
        }

        var ratio = bot.PerSecond / ceiling.PerSecond;
        Figures.Print(
            what,
            $"{bot.Describe()}, {Figures.Number(ratio, "0%")} of the ceiling",
            Target,
            ratio >= 0.65 && bot.P99 <= 100 && bot.Lost == 0 && bot.Doubled == 0 && !bot.TimedOut);
    }

    /// <summary>A fresh process needs a burst or so before the JIT has optimized Kestrel, the client and the emulator.</summary>
    private static async Task<Burst> CeilingAsync(int chats, int perChat)
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        using var stop = new CancellationTokenSource();
        var client = new TelegramBotClient(new TelegramBotClientOptions(emulator.Token, emulator.BaseUrl.ToString()));
        var answering = AnswerAllAsync(client, stop.Token);
        await BurstAsync(emulator, chats, perChat);
        var burst = await BurstAsync(emulator, chats, perChat);
        await stop.CancelAsync();
        await answering;
        return burst;
    }

    /// <summary>The bot's polling loop with the bot taken out: each chat's updates in order, chats at once, no storage.</summary>
    private static async Task AnswerAllAsync(TelegramBotClient client, CancellationToken stop)
    {
        var offset = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = CeilingChatsAtOnce, CancellationToken = stop };
        try
        {
            while (true)
            {
                var updates = await client.GetUpdates(offset, 100, 25, cancellationToken: stop);
                await Parallel.ForEachAsync(updates.GroupBy(u => u.Message!.Chat.Id), options, async (chat, ct) =>
                {
                    foreach (var _ in chat)
                    {
                        await client.SendMessage(chat.Key, "<b>Menu</b>", ParseMode.Html, replyMarkup: Keyboard, cancellationToken: ct);
                    }
                });
                offset = updates.Length > 0 ? updates[^1].Id + 1 : offset;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task<(Burst? Burst, string? Failure)> BotAsync(Workspace workspace, int chats, int perChat)
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        var builder = LoopbackBot.Builder(emulator, workspace.File("updates.db"));
        // 08:00 UTC, the chats' zone: past 09:00 every chat linked would be sent today's digest in the middle of the burst.
        builder.Services.AddSingleton<TimeProvider>(new MorningClock());
        await using var host = builder.BuildBot();
        await host.StartAsync();

        // Linked as a user does it, with an invitation code; this is the first warm-up too.
        var billing = host.Services.GetRequiredService<BillingService>();
        using (emulator.HoldUpdates())
        {
            for (var chat = 1; chat <= chats; chat++)
            {
                var account = billing.Accounts.Create(new NewAccount($"Shop {chat}", "USD", 10m, TimeZone: "UTC"));
                emulator.SendText(chat, "/start " + billing.Members.Invite(account.Id, Role.Owner));
            }
        }

        await ConfirmedAsync(emulator);
        await RepliedAsync(emulator, new int[chats], 1);
        var unlinked = Enumerable.Range(1, chats).Count(chat => billing.Members.AccountsOf(chat).Count != 1);
        if (unlinked > 0)
        {
            return (null, $"{Figures.Number(unlinked)} of {Figures.Number(chats)} chats not linked within {Figures.Seconds(TimeOut)}");
        }

        // Replies to a warm-up still coming in would be counted as the burst's.
        if ((await BurstAsync(emulator, chats, WarmUpPerChat)).TimedOut)
        {
            return (null, $"the warm-up not handled within {Figures.Seconds(TimeOut)}");
        }

        var burst = await BurstAsync(emulator, chats, perChat);
        await host.StopAsync();
        return (burst, null);
    }

    /// <summary>
    /// Queues <paramref name="perChat"/> /menu in every chat, round by round, while the emulator holds them, releases them
    /// at once and waits until the poller confirmed them all or the time-out; then pairs each chat's updates with its replies.
    /// </summary>
    private static async Task<Burst> BurstAsync(BotApiEmulator emulator, int chats, int perChat)
    {
        var answeredBefore = Enumerable.Range(1, chats).Select(chat => emulator.Messages(chat) is [.., var lastReply] ? lastReply.Id : 0).ToArray();
        var updates = new int[chats, perChat];
        using (emulator.HoldUpdates())
        {
            for (var round = 0; round < perChat; round++)
            {
                for (var chat = 1; chat <= chats; chat++)
                {
                    emulator.SendText(chat, "/menu");
                    updates[chat - 1, round] = emulator.LastUpdateId;
                }
            }
        }

        var timedOut = !await ConfirmedAsync(emulator) || !await RepliedAsync(emulator, answeredBefore, perChat);

        var latencies = new List<double>();
        var (lost, doubled, bare) = (0, 0, 0);
        var (first, last) = (DateTimeOffset.MaxValue, DateTimeOffset.MinValue);
        for (var chat = 1; chat <= chats; chat++)
        {
            // A chat's updates are answered in order, so its n-th reply since the burst answers its n-th update.
            var replies = emulator.Messages(chat).Where(m => m.Id > answeredBefore[chat - 1]).ToList();
            lost += Math.Max(0, perChat - replies.Count);
            doubled += Math.Max(0, replies.Count - perChat);
            bare += replies.Count(m => !m.Buttons.Any());
            for (var n = 0; n < Math.Min(perChat, replies.Count); n++)
            {
                if (emulator.DeliveredAt(updates[chat - 1, n]) is { } delivered)
                {
                    latencies.Add((replies[n].Date - delivered).TotalMilliseconds);
                    first = delivered < first ? delivered : first;
                    last = replies[n].Date > last ? replies[n].Date : last;
                }
            }
        }

        latencies.Sort();
        var elapsed = latencies.Count > 0 ? last - first : TimeSpan.Zero;
        return new Burst(elapsed, latencies.Count / Math.Max(elapsed.TotalSeconds, 1e-9), Percentile(latencies, 0.50), Percentile(latencies, 0.99), lost, doubled, bare, timedOut);
    }

    /// <summary>
    /// Waits until every chat has <paramref name="perChat"/> replies after <paramref name="answeredBefore"/>, or the time-out:
    /// the bot confirms a batch once it is stored, while its replies may still be on their way.
    /// </summary>
    private static async Task<bool> RepliedAsync(BotApiEmulator emulator, int[] answeredBefore, int perChat)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        for (var chat = 1; chat <= answeredBefore.Length; chat++)
        {
            while (emulator.Messages(chat).Count(m => m.Id > answeredBefore[chat - 1]) < perChat)
            {
                if (waited.Elapsed > TimeOut)
                {
                    return false;
                }

                await Task.Delay(5);
            }
        }

        return true;
    }

    /// <summary>Waits until the poller confirmed every update queued, or the time-out; says whether it did.</summary>
    private static async Task<bool> ConfirmedAsync(BotApiEmulator emulator)
    {
        try
        {
            await emulator.WaitForConfirmedAsync(emulator.LastUpdateId, TimeOut);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Ceiling(q * sorted.Count) - 1];

    /// <summary>What one burst achieved, from the first update handed over to the last reply.</summary>
    private sealed record Burst(TimeSpan Elapsed, double PerSecond, double P50, double P99, int Lost, int Doubled, int Bare, bool TimedOut)
    {
        public string Describe() =>
            $"{Figures.Seconds(Elapsed)}, {Figures.Number(PerSecond)} updates/s, p50 {Figures.Milliseconds(P50)}, p99 {Figures.Milliseconds(P99)}, "
            + $"lost {Lost}, doubled {Doubled}{(Bare > 0 ? $", {Bare} replies without buttons" : "")}{(TimedOut ? $", timed out after {Figures.Seconds(TimeOut)}" : "")}";
    }

    /// <summary>Today at 08:00 UTC, running at the real pace.</summary>
    private sealed class MorningClock : TimeProvider
    {
        private readonly TimeSpan _shift = Shift(System.GetUtcNow());

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;

        private static TimeSpan Shift(DateTimeOffset now) => now.UtcDateTime.Date.AddHours(8) - now.UtcDateTime;
    }
}
