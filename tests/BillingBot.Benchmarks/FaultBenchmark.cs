using System.Diagnostics;
using System.Globalization;
using System.Net;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Storage;
using BillingBot.Hosting;
using BillingBot.Telegram.Emulator;
using BillingBot.Tests.Common;
using LiteDB;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BillingBot.Benchmarks;

/// <summary>
/// A bad day in production, counted: payments posted while the disk fills (every 200 must be there after a restart),
/// backups killed at random moments (the previous backup whole every time), and imports killed at random moments
/// (every account made has an owner code in the file, or gets one from <c>invite --missing-owners</c>).
/// </summary>
internal static class FaultBenchmark
{
    private const string Secret = "fault-secret";
    private const int Trials = 20;

    public static async Task RunAsync(Workspace workspace)
    {
        await DiskFillsAsync();
        await BackupsKilledAsync(workspace);
        await ImportsKilledAsync(workspace);
        Finalized();
    }

    /// <summary>16 clients post signed payments to the bot's webhook until its disk is full, then the bot is restarted with space freed.</summary>
    private static async Task DiskFillsAsync()
    {
        var (disk, refusal) = Tmpfs.TryMount(16 * 1024 * 1024);
        if (disk is null)
        {
            Figures.Print("payments posted while the disk fills", $"not run: {refusal}", "answered 200 == present after a restart", false);
            return;
        }

        using (disk)
        {
            var path = Path.Combine(disk.Folder, "billing.db");
            var ok = new List<string>();
            var unavailable = new List<string>();
            var other = 0;
            int shop;
            await using (var emulator = await BotApiEmulator.StartAsync())
            {
                await using var host = LoopbackBot.Builder(emulator, path, KeyValuePair.Create("Payments:WebhookSecret", (string?)Secret)).BuildBot();
                await host.StartAsync();
                var billing = host.Services.GetRequiredService<BillingService>();
                shop = billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m)).Id;
                using var http = new HttpClient { BaseAddress = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()) };
                disk.FillLeaving(3_000_000);
                // Until three rounds in a row take nothing: the disk is full for good.
                for (var (round, dry) = (0, 0); dry < 3 && round < 2_000; round++)
                {
                    var ids = Enumerable.Range(round * 16, 16).Select(i => $"fill-{i}").ToList();
                    var answers = await Task.WhenAll(ids.Select(id => WebhookBenchmark.PostPaymentAsync(http, Secret, shop, id)));
                    foreach (var (id, status) in ids.Zip(answers))
                    {
                        (status switch { HttpStatusCode.OK => ok, HttpStatusCode.ServiceUnavailable => unavailable, _ => null })?.Add(id);
                        other += status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable ? 0 : 1;
                    }

                    dry = answers.Any(a => a == HttpStatusCode.OK) ? 0 : dry + 1;
                }

                await host.StopAsync();
            }

            // What the faults left for the finalizers runs now, within this section: a finalizer that throws ends the process.
            Finalized();

            disk.Empty();
            HashSet<string> present;
            using (var store = new BillingStore(path))
            {
                present = store.Read(() => store.Payments.FindAll().Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
            }

            var lost = ok.Count(id => !present.Contains(id));
            var foundAnyway = unavailable.Count(present.Contains);
            Figures.Print(
                "payments posted by 16 clients while the bot's disk fills (16 MB tmpfs), the bot then restarted",
                $"answered 200: {Figures.Number(ok.Count)}, present after the restart: {Figures.Number(present.Count)}, 200s missing: {lost}; answered 503: {Figures.Number(unavailable.Count)} (found whole anyway: {foundAnyway}); other answers: {other}",
                "every 200 present, 0 other answers",
                ok.Count > 0 && unavailable.Count > 0 && lost == 0 && other == 0 && present.Count == ok.Count + foundAnyway);
        }
    }

    /// <summary><c>backup bk.db</c> of a database of tens of MB, killed (SIGKILL) at a random moment of its run, <see cref="Trials"/> times.</summary>
    private static async Task BackupsKilledAsync(Workspace workspace)
    {
        var path = workspace.File("backup-source.db");
        Dictionary<string, int> counts;
        using (var store = new BillingStore(path))
        {
            AccrualBenchmark.Seed(store, 60_000, AccrualBenchmark.Day);
        }

        counts = Counts(path);
        var target = workspace.File("bk.db");
        var whole = Stopwatch.StartNew();
        var first = await CliAsync(workspace.Folder, ["--db", path, "backup", target]);
        whole.Stop();
        if (first != 0 || !SameAs(target, counts))
        {
            Figures.Print("backups killed at random moments", $"not run: the first backup failed (exit {first})", "previous backup whole every time", false);
            return;
        }

        var random = new Random(12);
        var (intact, replaced) = (0, 0);
        var before = File.GetLastWriteTimeUtc(target);
        for (var trial = 0; trial < Trials; trial++)
        {
            var at = TimeSpan.FromMilliseconds(random.NextDouble() * whole.Elapsed.TotalMilliseconds * 1.1);
            await KilledAfterAsync(workspace.Folder, ["--db", path, "backup", target], at);
            intact += SameAs(target, counts) ? 1 : 0;
            var now = File.GetLastWriteTimeUtc(target);
            replaced += now != before ? 1 : 0;
            before = now;
        }

        Figures.Print(
            $"backup of a {Figures.Megabytes(new FileInfo(path).Length)} database ({Figures.Seconds(whole.Elapsed)} whole), killed at a random moment, {Trials} times",
            $"the backup whole and complete after {intact} of {Trials} kills ({replaced} kills came after the new copy was in place); no log beside it: {!File.Exists(StoreEngine.LogPathOf(target))}",
            $"{Trials} of {Trials}",
            intact == Trials && !File.Exists(StoreEngine.LogPathOf(target)));
    }

    /// <summary><c>accounts import --codes-out</c> of 20,000 rows, killed at a random moment, then <c>invite --missing-owners</c>, <see cref="Trials"/> times.</summary>
    private static async Task ImportsKilledAsync(Workspace workspace)
    {
        var csv = workspace.File("customers.csv");
        await File.WriteAllLinesAsync(csv, ["name,currency,tariff,agency,external_id", .. Enumerable.Range(1, 20_000).Select(i => $"Shop {i},USD,1.5,,ext-{i}")]);
        var timing = workspace.File("import-timing.db");
        var whole = Stopwatch.StartNew();
        await CliAsync(workspace.Folder, ["--db", timing, "accounts", "import", csv, "--codes-out", workspace.File("timing-codes.csv")]);
        whole.Stop();

        var random = new Random(21);
        var (made, covered, blocked, partialFiles, rescued) = (0, 0, 0, 0, 0);
        for (var trial = 0; trial < Trials; trial++)
        {
            var db = workspace.File($"import-{trial}.db");
            var codes = workspace.File($"codes-{trial}.csv");
            var more = workspace.File($"more-{trial}.csv");
            // Every other run is killed within 150 ms of its commit beginning (its log appears), the moment between the
            // accounts being stored and their codes being written; the others at any moment of the whole run.
            var nearCommit = trial % 2 == 0;
            var at = TimeSpan.FromMilliseconds(random.NextDouble() * (nearCommit ? 150 : whole.Elapsed.TotalMilliseconds * 1.1));
            await KilledAfterAsync(workspace.Folder, ["--db", db, "accounts", "import", csv, "--codes-out", codes], at, nearCommit ? () => File.Exists(StoreEngine.LogPathOf(db)) : null);
            var accounts = File.Exists(db) ? AccountIds(db) : [];
            partialFiles += Directory.GetFiles(workspace.Folder, $"codes-{trial}.csv*").Count(f => f != codes);
            if (accounts.Count == 0)
            {
                // Killed before the commit: nothing made, and the next run is not blocked by anything left behind.
                blocked += File.Exists(codes) || await CliAsync(workspace.Folder, ["--db", db, "accounts", "import", csv, "--codes-out", codes]) != 0 ? 1 : 0;
                covered++;
                continue;
            }

            made++;
            var inFile = File.Exists(codes) ? CodedAccounts(codes) : [];
            await CliAsync(workspace.Folder, ["--db", db, "invite", "--missing-owners", "--codes-out", more]);
            var issued = File.Exists(more) ? CodedAccounts(more) : [];
            covered += accounts.All(id => inFile.Contains(id) || issued.Contains(id)) ? 1 : 0;
            rescued += issued.Count > 0 ? 1 : 0;
        }

        Figures.Print(
            $"accounts import of 20,000 rows with --codes-out ({Figures.Seconds(whole.Elapsed)} whole), killed at a random moment, {Trials} times",
            $"accounts made in {made} runs (their codes file missing, so invite --missing-owners issued them, in {rescued}); every account with an owner code (in the file or from invite --missing-owners) in {covered} of {Trials}; a run that made nothing blocked the next: {blocked}; partial codes files left: {partialFiles}",
            $"{Trials} of {Trials}, 0 blocked",
            covered == Trials && blocked == 0);
    }

    private static void Finalized()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }

    /// <summary>Whether <paramref name="backup"/> passes the store's check of its file, opens, and holds <paramref name="counts"/>.</summary>
    private static bool SameAs(string backup, Dictionary<string, int> counts)
    {
        try
        {
            StoreFile.Verify(backup);
            var found = Counts(backup);
            return counts.All(c => found.GetValueOrDefault(c.Key) == c.Value);
        }
        catch (Exception e) when (e is IOException or LiteException)
        {
            return false;
        }
    }

    private static Dictionary<string, int> Counts(string path)
    {
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true });
        return db.GetCollectionNames().ToDictionary(name => name, name => db.GetCollection(name).Count(), StringComparer.Ordinal);
    }

    /// <summary>The accounts in a database a killed command left, opened as the next command opens it.</summary>
    private static HashSet<int> AccountIds(string path)
    {
        using var store = new BillingStore(path);
        return store.Read(() => store.Accounts.FindAll().Select(a => a.Id).ToHashSet());
    }

    /// <summary>The account ids of a codes file (<c>external_id,account_id,code</c>).</summary>
    private static HashSet<int> CodedAccounts(string path) =>
        File.ReadLines(path).Skip(1).Select(line => line.Split(',')).Where(f => f.Length >= 3 && f[2].Length > 0)
            .Select(f => int.Parse(f[1], CultureInfo.InvariantCulture)).ToHashSet();

    private static async Task<int> CliAsync(string folder, IReadOnlyList<string> args)
    {
        using var process = Cli(folder, args);
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>Runs a command and kills it <paramref name="after"/> its start, or after <paramref name="begun"/> first holds.</summary>
    private static async Task KilledAfterAsync(string folder, IReadOnlyList<string> args, TimeSpan after, Func<bool>? begun = null)
    {
        using var process = Cli(folder, args);
        while (begun is not null && !begun() && !process.HasExited)
        {
            await Task.Delay(1);
        }

        await Task.WhenAny(process.WaitForExitAsync(), Task.Delay(after));
        if (!process.HasExited)
        {
            process.Kill(); // SIGKILL: nothing of the command's own runs.
        }

        await process.WaitForExitAsync();
    }

    /// <summary>An operator command as its own process, as a person runs it: <c>dotnet BillingBot.dll args…</c>.</summary>
    private static Process Cli(string folder, IReadOnlyList<string> args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var info = new ProcessStartInfo(host) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BillingBot.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("BillingBot__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
