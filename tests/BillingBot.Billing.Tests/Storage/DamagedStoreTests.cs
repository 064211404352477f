using System.Security.Cryptography;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using BillingBot.Tests.Common;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Billing.Tests.Storage;

/// <summary>A damaged file is refused at open and left as it was; damage found while running stops every write until the store is opened again.</summary>
public sealed class DamagedStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    public DamagedStoreTests() => Directory.CreateDirectory(_folder);

    public static TheoryData<string, StoreDamage> Damages => new()
    {
        { "cut inside a page", StoreDamage.PartialPage },
        { "cut to 100 bytes", StoreDamage.PartialPage },
        { "cut at a page's end", StoreDamage.Truncated },
        { "pages overwritten", StoreDamage.BadPage },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedFile_RefusedAtOpenWithWhatIsWrong_AndLeftExactlyAsItWas(string how, StoreDamage expected)
    {
        var path = WholeStore(accounts: 3_000);
        var pages = new FileInfo(path).Length / StoreFile.PageSize;
        Assert.True(pages > 40, $"the store is {pages} pages");
        Damage(path, how, pages);
        var before = SHA256.HashData(File.ReadAllBytes(path));

        var refused = Assert.Throws<DamagedStoreException>(() => new BillingStore(path));

        Assert.Equal(expected, refused.Damage);
        Assert.Equal(path, refused.Path);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(path)));
        Assert.False(File.Exists(StoreEngine.LogPathOf(path)));
        // Nothing is held after the refusal: asked again, the answer is the same, not "in use".
        Assert.Equal(expected, Assert.Throws<DamagedStoreException>(() => new BillingStore(path)).Damage);
        if (expected == StoreDamage.BadPage)
        {
            Assert.Equal(20, refused.Page);
        }

        if (expected == StoreDamage.Truncated)
        {
            Assert.Equal(pages - 5, refused.Page);
            Assert.Equal(pages, refused.Pages);
        }
    }

    [Fact]
    public void MarkedDamagedByLiteDB_ButWhole_Opens_ForAFailedWriteOnAFullDiskCanLeaveThatMarkOnASoundFile()
    {
        var path = WholeStore(accounts: 100);
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            // The byte of the header LiteDB sets when one of its checks fails as it closes after an error.
            file.Position = 191;
            file.WriteByte(1);
        }

        using var store = new BillingStore(path);
        Assert.Equal(100, store.Read(() => store.Accounts.Count()));
    }

    [Fact]
    public void FileKilledWithPagesStillInItsLog_IsNotDamage_AndOpensWithEveryAccount()
    {
        // A copy taken while the store is open is what a killed process leaves: a data file shorter than its
        // pages, the rest of them in the log.
        var path = Path.Combine(_folder, "live.db");
        var copy = Path.Combine(_folder, "killed.db");
        using (var store = new BillingStore(path))
        {
            var billing = new BillingService(store, _time, new BillingSettings());
            for (var i = 0; i < 200; i++)
            {
                billing.Accounts.Create(new NewAccount($"Shop {i}", "USD", 1m));
            }

            File.Copy(path, copy);
            File.Copy(StoreEngine.LogPathOf(path), StoreEngine.LogPathOf(copy));
        }

        Assert.True(new FileInfo(StoreEngine.LogPathOf(copy)).Length > 0);
        using var reopened = new BillingStore(copy);
        Assert.Equal(200, reopened.Read(() => reopened.Accounts.Count()));
    }

    [Fact]
    public void DocumentThatDoesNotDecode_StopsEveryWriteUntilOpenedAgain_ReadsOfOthersGoOn_ToldOnce()
    {
        var path = Path.Combine(_folder, "billing.db");
        int damaged, whole;
        using (var store = new BillingStore(path))
        {
            var billing = new BillingService(store, _time, new BillingSettings());
            damaged = billing.Accounts.Create(new NewAccount("Flower shop", "USD", 1m)).Id;
            whole = billing.Accounts.Create(new NewAccount("Bakery", "USD", 1m)).Id;
            Garbage.InRecentCharges(store, damaged);
        }

        var faults = new List<Exception?>();
        using (var store = new BillingStore(path))
        {
            store.FaultChanged = faults.Add;
            var billing = new BillingService(store, _time, new BillingSettings());

            var read = Assert.Throws<StoreUnavailableException>(() => billing.Accounts.Get(damaged));
            Assert.Equal(StoreFault.Damaged, read.Fault);
            Assert.IsType<DamagedDocumentException>(read.InnerException);
            Assert.Equal(StoreFault.Damaged, store.Fault);

            // Another account still reads, but no money moves anywhere, and nothing clears the damage.
            Assert.Equal("Bakery", billing.Accounts.Get(whole).Name);
            var payment = Assert.Throws<StoreUnavailableException>(() => billing.Invoices.Record(new IncomingPayment("sa-1", 10m, AccountId: whole)));
            Assert.Equal(StoreFault.Damaged, payment.Fault);
            Assert.False(store.Probe());
            Assert.Equal(StoreFault.Damaged, store.Fault);
            Assert.Throws<StoreUnavailableException>(() => billing.Accounts.Get(damaged));
            Assert.Single(faults);
            Assert.IsType<DamagedDocumentException>(faults[0]);
            Assert.Equal(0m, billing.Accounts.Get(whole).Balance);
        }

        // Opened again, the file's structure is whole, so the store opens, and the same document is found damaged again.
        using (var store = new BillingStore(path))
        {
            var billing = new BillingService(store, _time, new BillingSettings());
            Assert.Null(store.Fault);
            Assert.Equal(StoreFault.Damaged, Assert.Throws<StoreUnavailableException>(() => billing.Accounts.Get(damaged)).Fault);
            Assert.Empty(store.Read(() => store.Payments.FindAll().ToList()));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A store of <paramref name="accounts"/> accounts, closed, with nothing left in its log.</summary>
    private string WholeStore(int accounts)
    {
        var path = Path.Combine(_folder, "billing.db");
        using var store = new BillingStore(path);
        var billing = new BillingService(store, _time, new BillingSettings());
        store.WriteTogether(() =>
        {
            for (var i = 0; i < accounts; i++)
            {
                billing.Accounts.Create(new NewAccount($"Shop {i}", "USD", 1m, ExternalId: $"ext-{i}"));
            }

            return true;
        });
        return path;
    }

    private static void Damage(string path, string how, long pages)
    {
        switch (how)
        {
            case "cut inside a page":
                Cut(path, (pages / 2 * StoreFile.PageSize) + 1_000);
                break;
            case "cut to 100 bytes":
                Cut(path, 100);
                break;
            case "cut at a page's end":
                Cut(path, (pages - 5) * StoreFile.PageSize);
                break;
            case "pages overwritten":
                using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
                {
                    file.Position = 20 * StoreFile.PageSize;
                    var garbage = new byte[3 * StoreFile.PageSize];
                    new Random(20).NextBytes(garbage);
                    file.Write(garbage);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, null);
        }
    }

    private static void Cut(string path, long length)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
    }
}
