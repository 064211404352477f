using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using BillingBot.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Billing.Tests.Storage;

/// <summary>The store on a real disk that fills up: a write that cannot be made durable is refused, never taken and lost.</summary>
public sealed class FullDiskTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    [SkippableFact]
    public void DiskFills_EveryPaymentTakenIsThereAfterARestart_TheRefusedOneIsNot_AndFreedSpaceTakesWritesAgain()
    {
        using var disk = SmallDisk.Mount(4 * 1024 * 1024);
        var path = Path.Combine(disk.Folder, "billing.db");
        var taken = new List<string>();
        var faults = new List<Exception?>();
        int account;
        using (var store = new BillingStore(path))
        {
            store.FaultChanged = faults.Add;
            var billing = new BillingService(store, _time, new BillingSettings());
            account = billing.Accounts.Create(new NewAccount("Flower shop", "USD", 1m)).Id;
            disk.FillLeaving(300_000);

            StoreUnavailableException? refused = null;
            for (var i = 0; refused is null; i++)
            {
                try
                {
                    taken.Add(billing.Invoices.Record(new IncomingPayment($"sa-{i}", 10m, AccountId: account)).Id);
                }
                catch (StoreUnavailableException e)
                {
                    refused = e;
                }
            }

            Assert.Equal(StoreFault.DiskFull, refused.Fault);
            Assert.Equal(StoreFault.DiskFull, store.Fault);
            Assert.NotEmpty(taken);

            // The engine closed after the fault left a transaction LiteDB could not dispose: its finalizer must not
            // run (it throws on the finalizer thread, which ends the process).
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            // Still full: a probe cannot write, the next payment is refused the same way, and the fault is told once.
            Assert.False(store.Probe());
            Assert.Throws<StoreUnavailableException>(() => billing.Invoices.Record(new IncomingPayment($"sa-{taken.Count}", 10m, AccountId: account)));
            Assert.Single(faults);

            disk.Empty();
            Assert.True(store.Probe());
            Assert.Null(store.Fault);
            Assert.Equal(2, faults.Count);
            Assert.Null(faults[1]);
            taken.Add(billing.Invoices.Record(new IncomingPayment("after-space-freed", 10m, AccountId: account)).Id);
        }

        using (var store = new BillingStore(path))
        {
            var billing = new BillingService(store, _time, new BillingSettings());
            var stored = store.Read(() => store.Payments.FindAll().Select(p => p.Id).ToList());
            Assert.Equal(taken.Order(), stored.Order());
            Assert.Equal(10m * taken.Count, billing.Accounts.Get(account).Balance);
            Assert.Equal(10m * taken.Count, store.Read(() => store.Entries.Find(e => e.AccountId == account).Sum(e => e.Amount)));
        }
    }

    [Fact]
    public void TheEngine_ShowsItsOpenTransactions_SoOneWhoseCommitFailedIsKeptFromTheFinalizerWhenTheEngineCloses()
    {
        using var f = new BillingFixture();

        var during = f.Store.Read(() =>
        {
            _ = f.Store.Accounts.Count();
            return f.Store.Engine.OpenTransactions;
        });

        Assert.Equal(1, during);
    }

    [SkippableFact]
    public void Backup_TargetDiskFillsDuringIt_RefusedAndTheEarlierBackupIsWholeWithNothingLeftBeside()
    {
        using var disk = SmallDisk.Mount(4 * 1024 * 1024);
        using var f = new BillingFixture();
        var shop = f.Customer(name: "Flower shop");
        f.Pay(shop, 10m, "first");
        var target = Path.Combine(disk.Folder, "bk.db");
        f.Store.Backup(target);
        var earlier = File.ReadAllBytes(target);
        for (var i = 0; i < 3_000; i++)
        {
            f.Pay(shop, 1m, $"later-{i}");
        }

        // 3,000 payments take far more than this.
        disk.FillLeaving(64 * 1024);

        Assert.ThrowsAny<IOException>(() => f.Store.Backup(target));

        Assert.Equal(earlier, File.ReadAllBytes(target));
        Assert.Equal(["bk.db", "filler"], Directory.GetFiles(disk.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var backup = new BillingStore(target))
        {
            Assert.Equal(10m, backup.Read(() => backup.Accounts.FindById(shop.Id).Balance));
        }

        // The store's own disk is not the one that filled: it goes on taking payments.
        Assert.Null(f.Store.Fault);
        f.Pay(shop, 1m, "after");
        Assert.Equal(3_011m, f.Balance(shop.Id));
    }
}
