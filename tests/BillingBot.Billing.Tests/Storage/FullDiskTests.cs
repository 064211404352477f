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
}
