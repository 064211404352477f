using System.Diagnostics;
using System.Text.Json;
using BillingBot.Admin;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Cli;
using BillingBot.Localization;
using BillingBot.Notifications;
using BillingBot.Telegram.Emulator;
using Microsoft.Extensions.Options;

namespace BillingBot.Benchmarks;

/// <summary>
/// The bot process itself (a child process, not this harness) started on a database of many accounts, each with an
/// owner's chat, on the morning after their last charged day: its schedule accrues yesterday for every account and
/// builds every chat's digest. Printed: how long until all the digests are stored, and the process's peak working set.
/// </summary>
internal static class MemoryBenchmark
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(Workspace workspace, int accounts)
    {
        var path = workspace.File("memory.db");
        // The bot runs on the real clock: the accounts are charged through the day before yesterday, and every chat's
        // digest is due at 00:00, so whatever the hour the bot's first pass has one night's accrual and every digest to make.
        var yesterday = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-1);
        int chats;
        using (var store = new BillingStore(path))
        {
            AccrualBenchmark.Seed(store, accounts, yesterday);
            var billing = new BillingService(store, TimeProvider.System, new BillingSettings());
            chats = DigestBenchmark.Seed(store, billing, digestTime: "00:00");
            // The indexes a running bot has made already: building them is an upgrade's one-off, not a morning's work.
            _ = new Notifier(billing, Localizer.Load(), TimeProvider.System, Options.Create(new NotificationOptions()));
        }

        await using var emulator = await BotApiEmulator.StartAsync();
        var idle = await IdleAsync(emulator, workspace);
        using var bot = StartBot(emulator, path, workspace.Folder);
        var clock = Stopwatch.StartNew();
        var elapsed = TimeSpan.Zero;
        // Done when there are messages for every chat (the accrual's low-balance notices come too) and no more for 3 s.
        var (messages, still) = (0, 0);
        while (clock.Elapsed < Patience && !bot.HasExited && (messages < chats || still < 3))
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = Messages(path);
            (still, elapsed) = now == messages && now > 0 ? (still + 1, elapsed) : (0, clock.Elapsed);
            messages = now;
        }

        bot.Refresh();
        var peak = bot.HasExited ? 0 : bot.PeakWorkingSet64;
        bot.Kill(entireProcessTree: true);
        await bot.WaitForExitAsync();
        Figures.Print(
            $"bot process started on {Figures.Number(accounts)} accounts: the night's accrual and {Figures.Number(chats)} digests",
            $"{Figures.Number(messages)} messages stored after {Figures.Seconds(elapsed)} (start-up included)");
        Figures.Print("working set of the same bot idle on an empty database (the baseline: runtime, web hosts, Telegram client)", Figures.Megabytes(idle));
        Figures.Print(
            "peak working set of the bot process through them",
            Figures.Megabytes(peak),
            "<= 200 MB",
            messages >= chats && peak is > 0 and <= 200L * 1024 * 1024);
    }

    /// <summary>The working set of a bot started on an empty database, once its operator API listens and a few seconds have passed.</summary>
    private static async Task<long> IdleAsync(BotApiEmulator emulator, Workspace workspace)
    {
        var path = workspace.File("idle.db");
        using var bot = StartBot(emulator, path, workspace.Folder);
        var clock = Stopwatch.StartNew();
        while (BotEndpoint.Read(path) is null && !bot.HasExited && clock.Elapsed < Patience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        bot.Refresh();
        var workingSet = bot.HasExited ? 0 : bot.WorkingSet64;
        bot.Kill(entireProcessTree: true);
        await bot.WaitForExitAsync();
        return workingSet;
    }

    /// <summary>The messages the running bot has stored, asked through its operator API as an operator would.</summary>
    private static int Messages(string path)
    {
        // Until the bot has written where its API listens, a command would open the file itself and keep the bot out.
        if (BotEndpoint.Read(path) is null)
        {
            return 0;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        if (OperatorCommandLine.Run(["outbox", "stats", "--json", "--db", path], output, error) != 0)
        {
            return 0;
        }

        using var report = JsonDocument.Parse(output.ToString());
        return report.RootElement.GetProperty("messages").EnumerateObject().Sum(s => s.Value.GetInt32());
    }

    private static Process StartBot(BotApiEmulator emulator, string path, string folder)
    {
        var bot = ChildBot.Start(emulator, path, folder);
        // Drained so a chatty bot never blocks on a full pipe.
        bot.OutputDataReceived += (_, _) => { };
        bot.ErrorDataReceived += (_, _) => { };
        bot.BeginOutputReadLine();
        bot.BeginErrorReadLine();
        return bot;
    }
}
