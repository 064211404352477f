using System.Globalization;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using LiteDB;

namespace BillingBot.Tests.Cli;

/// <summary>A daily accrual cut short by SIGKILL leaves a database that opens, and the next run finishes the work exactly once.</summary>
public sealed class AccrueKillTests
{
    // Several accrual batches (ChargeService.AccrualBatch accounts each): the kill lands after one has committed.
    private const int Accounts = 10_000;
    private const int Days = 10;
    private const decimal Tariff = 1.25m;

    [Fact]
    public async Task Accrue_ChildKilledMidRun_RerunChargesEveryAccountDayOnce()
    {
        using var db = new CliFixture();
        var through = DateOnly.FromDateTime(CliFixture.Start.UtcDateTime).AddDays(Days - 1);
        db.WithBilling(b => b.Accounts.Import(Enumerable.Range(1, Accounts).Select(i => new NewAccount($"Shop {i}", "USD", Tariff, ExternalId: $"x{i}")).ToList()));
        string[] accrue = ["--db", db.DbPath, "accrue", "--through", through.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
        var sizeBefore = Size(db.DbPath);

        using (var child = ChildProcess.Start(db.Folder, accrue))
        {
            // The log grows while the first batch's commit is written, then stands still while the second batch is
            // worked out in memory: a kill then lands after one commit and before the next.
            while (!child.HasExited && Size(db.DbPath) == sizeBefore)
            {
                await Task.Delay(5);
            }

            for (var (size, still) = (Size(db.DbPath), 0); !child.HasExited && still < 20; await Task.Delay(5))
            {
                (size, still) = Size(db.DbPath) is var now && now == size ? (size, still + 1) : (now, 0);
            }

            Assert.False(child.HasExited, "accrue finished before it could be killed");
            child.Kill(); // SIGKILL on Linux: no finally blocks, no disposal.
            await child.WaitForExitAsync();
        }

        // Each batch is one transaction: whole accounts were charged, a whole number of batches, and not all of them.
        var partly = Charges(db.DbPath);
        Assert.InRange(partly.Count, 1, Accounts - 1);
        Assert.Equal(0, partly.Count % ChargeService.AccrualBatch);
        Assert.All(partly.Values, a => Assert.Equal(Days, a.Count));

        var rerun = await ChildProcess.RunAsync(db.Folder, accrue);

        Assert.Equal(0, rerun.ExitCode);
        var charged = Charges(db.DbPath);
        Assert.Equal(Accounts, charged.Count);
        Assert.All(charged.Values, a =>
        {
            Assert.Equal(Days, a.Count);
            Assert.Equal(Days, a.DistinctDays);
            Assert.Equal(-Days * Tariff, a.Sum);
            Assert.Equal(a.Sum, a.Balance);
        });
        var sample = db.WithBilling(b => b.Accounts.Get(Accounts));
        Assert.Equal(through, sample.AccruedThrough);
    }

    private static long Size(string path)
    {
        var log = Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
        return new FileInfo(path).Length + (File.Exists(log) ? new FileInfo(log).Length : 0);
    }

    private sealed record Charged(int Count, int DistinctDays, decimal Sum, decimal Balance);

    /// <summary>Tariff charges per account, read straight from the file, independently of the money model's code.</summary>
    private static Dictionary<int, Charged> Charges(string path)
    {
        using var raw = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Shared });
        var balances = raw.GetCollection("accounts").FindAll().ToDictionary(a => a["_id"].AsInt32, a => a["Balance"].AsDecimal);
        return raw.GetCollection("entries").FindAll()
            .Where(e => e["_id"].AsString.StartsWith("tariff/", StringComparison.Ordinal))
            .GroupBy(e => e["AccountId"].AsInt32)
            .ToDictionary(g => g.Key, g => new Charged(g.Count(), g.Select(e => e["ChargeDate"].AsString).Distinct().Count(), g.Sum(e => e["Amount"].AsDecimal), balances[g.Key]));
    }
}
