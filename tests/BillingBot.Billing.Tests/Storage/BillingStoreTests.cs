using System.Globalization;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using LiteDB;
using LiteDB.Engine;

namespace BillingBot.Billing.Tests.Storage;

public sealed class BillingStoreTests : IDisposable
{
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void OneTransaction_AccountReadThenChangedThenRead_SeesTheChange_AndTheNextTransactionToo()
    {
        var account = _f.Customer();

        var balances = _f.Store.WriteAll<decimal>([() =>
        {
            var before = _f.Billing.Accounts.Get(account.Id).Balance;
            _f.Pay(account, 40m);
            _f.Billing.Accounts.SetThresholds(account.Id, 5, null);
            var after = _f.Billing.Accounts.Get(account.Id);
            return before + (after.Balance * 1000) + (after.LowBalanceDays * 1_000_000);
        }]);

        Assert.Null(balances[0].Error);
        Assert.Equal(0m + (40m * 1000) + (5 * 1_000_000), balances[0].Result);
        Assert.Equal(40m, _f.Balance(account.Id));
        Assert.Equal(5, _f.Billing.Accounts.Get(account.Id).LowBalanceDays);
    }

    [Fact]
    public void WriteTogether_WritesOfSeveralServices_OneTransaction_AllOrNothing()
    {
        var first = _f.Customer(name: "First");
        var second = _f.Customer(name: "Second");

        // Alone: the owners' codes are made in one transaction of their own, their writes joined.
        var codes = _f.Billing.Members.InviteOwners([first.Id, second.Id]);
        Assert.Equal(first.Id, _f.Billing.Members.Redeem(codes[0], userId: 1).AccountId);
        Assert.Equal(second.Id, _f.Billing.Members.Redeem(codes[1], userId: 2).AccountId);

        // A failure after some of the writes takes them all back.
        Assert.Throws<BillingException>(() => _f.Store.WriteTogether<bool>(() =>
        {
            _f.Pay(first, 10m, "together-1");
            _f.Billing.Members.InviteOwners([first.Id]);
            throw new BillingException(BillingError.UnknownAccount, ("id", 0));
        }));
        Assert.Equal(0m, _f.Balance(first.Id));
        Assert.Equal(2, _f.Store.Read(() => _f.Store.Invitations.Count()));
    }

    [Fact]
    public async Task Write_FromManyThreadsAtOnce_EachReturnsOnceFlushedAndAllAreKept()
    {
        var shop = _f.Customer();

        // Each write waits for a flush of the log that began after its commit; writers arriving meanwhile share the next one.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 40; i++)
            {
                _f.Pay(shop, 1m, $"t{t}-{i}");
            }
        })));

        Assert.Equal(640m, _f.Balance(shop.Id));
        _f.Store.Dispose();
        using var reopened = new BillingStore(_f.DbPath);
        Assert.Equal(640, reopened.Read(() => reopened.Payments.Count()));
    }

    [Fact]
    public void AfterCommit_RunsOnceCommitted_NeverForARollBackOrARead()
    {
        var ran = new List<string>();

        _f.Store.Write(() => _f.Store.AfterCommit(() => ran.Add($"committed, in a transaction: {_f.Store.InTransaction}")));
        Assert.Null(_f.Store.TryWriteAll<bool>([() =>
        {
            _f.Store.AfterCommit(() => ran.Add("rolled back"));
            throw new InvalidOperationException("fails");
        }]));
        _f.Store.Read(() =>
        {
            _f.Store.AfterCommit(() => ran.Add("read"));
            return true;
        });
        _f.Store.Write(() => { });

        Assert.Equal(["committed, in a transaction: False"], ran);
        Assert.Throws<InvalidOperationException>(() => _f.Store.AfterCommit(() => ran.Add("outside")));
    }

    [Fact]
    public void Backup_WhileOpen_CopyHasSameAccountsAndBalances()
    {
        var account = _f.Customer();
        _f.Pay(account, 123.45m);
        var target = Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "backup", "copy.db");

        _f.Store.Backup(target);
        _f.Pay(account, 1m);

        using var copy = new BillingStore(target);
        var billing = new BillingService(copy, _f.Time, _f.Settings);
        Assert.Equal(123.45m, billing.Accounts.Get(account.Id).Balance);
        Assert.Single(billing.Accounts.List());
    }

    [Fact]
    public void Open_FileWhoseKeysIgnoreCase_RebuiltWithExactKeysAndEverythingKept()
    {
        var account = _f.Customer();
        _f.Pay(account, 100m, "ch_3Ab");
        var path = Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "case-blind.db");
        _f.Store.Backup(path);
        using (var old = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Shared }))
        {
            // LiteDB's default: what a file made before keys were compared exactly has.
            old.Rebuild(new RebuildOptions { Collation = new Collation("en-US/IgnoreCase") });
            Assert.Equal(CompareOptions.IgnoreCase, old.Collation.SortOptions);
        }

        using var store = new BillingStore(path);
        var billing = new BillingService(store, _f.Time, _f.Settings);
        billing.Invoices.Record(new IncomingPayment("ch_3aB", 50m, AccountId: account.Id));

        Assert.Equal(150m, billing.Accounts.Get(account.Id).Balance);
        Assert.Equal(["payment/ch_3Ab", "payment/ch_3aB"], billing.Accounts.History(account.Id).Entries.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Backup_OntoAFileThatIsNotADatabase_RefusedAndTheFileLeftAsItWas()
    {
        var target = Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "report.txt");
        File.WriteAllText(target, "not a backup");

        Assert.Throws<NotADatabaseException>(() => _f.Store.Backup(target));

        Assert.Equal("not a backup", File.ReadAllText(target));
    }

    [Fact]
    public void Backup_OntoAnEarlierBackup_Replaced()
    {
        var account = _f.Customer();
        var target = Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "nightly.db");
        _f.Store.Backup(target);
        _f.Pay(account, 7m);

        _f.Store.Backup(target);

        using var copy = new BillingStore(target);
        Assert.Equal(7m, new BillingService(copy, _f.Time, _f.Settings).Accounts.Get(account.Id).Balance);
    }

    [Fact]
    public void Backup_OntoItself_Refused() =>
        Assert.Throws<ArgumentException>(() => _f.Store.Backup(_f.DbPath));

    [Fact]
    public void Write_Throws_NothingStored()
    {
        var account = _f.Customer();

        Assert.Throws<InvalidOperationException>(() => _f.Store.Write(() =>
        {
            _f.Store.Accounts.Update(account with { Balance = 1_000m });
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(0m, _f.Balance(account.Id));
    }

    [Fact]
    public void Open_SecondStoreOnSameFile_RefusedAndTheFirstGoesOn()
    {
        var account = _f.Customer();

        var refused = Assert.Throws<StoreInUseException>(() => new BillingStore(_f.DbPath));
        _f.Pay(account, 5m);

        Assert.Equal(_f.DbPath, refused.Path);
        Assert.Equal(5m, _f.Balance(account.Id));
    }

    [Fact]
    public void Open_AfterTheOwnerClosedIt_OpensAndSeesEverything()
    {
        var account = _f.Customer();
        _f.Pay(account, 5m);
        _f.Store.Dispose();

        using var next = new BillingStore(_f.DbPath);

        Assert.Equal(5m, new BillingService(next, _f.Time, _f.Settings).Accounts.Get(account.Id).Balance);
    }

    [Fact]
    public void Backup_OverAnEarlierBackup_ReplacedWholeWithNoLogBeside()
    {
        var account = _f.Customer();
        _f.Pay(account, 1m);
        var target = Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "bk.db");
        _f.Store.Backup(target);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "bk-log.db"), "stale");
        _f.Pay(account, 2m);

        _f.Store.Backup(target);

        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_f.DbPath)!, "bk-log.db")));
        Assert.False(File.Exists(target + ".partial"));
        using var copy = new BillingStore(target);
        Assert.Equal(3m, new BillingService(copy, _f.Time, _f.Settings).Accounts.Get(account.Id).Balance);
    }

    [Fact]
    public void Read_InsideAWrite_SeesItsWorkAndLeavesItToCommit()
    {
        var account = _f.Customer();

        var seen = _f.Store.Write(() =>
        {
            _f.Store.Accounts.Update(account with { Balance = 7m });
            return _f.Store.Read(() => _f.Store.Accounts.FindById(account.Id).Balance);
        });

        Assert.Equal(7m, seen);
        Assert.Equal(7m, _f.Balance(account.Id));
    }

    [Fact]
    public void Read_InsideARead_ReadsTheSameSnapshot() =>
        Assert.Equal(1, _f.Store.Read(() => _f.Store.Read(() => 1)));

    [Fact]
    public void Write_InsideAWrite_Refused()
    {
        var account = _f.Customer();

        Assert.Throws<InvalidOperationException>(() => _f.Store.Write(() => _f.Store.Write(() => _f.Store.Accounts.Update(account with { Balance = 7m }))));

        Assert.Equal(0m, _f.Balance(account.Id));
    }

    [Fact]
    public void WriteAll_EveryUnitSucceeds_EachRunOnceWithNestedWritesJoinedAndAllStored()
    {
        var accounts = Enumerable.Range(1, 3).Select(i => _f.Customer(name: $"Shop {i}")).ToList();
        var runs = new int[accounts.Count];

        var outcomes = _f.Store.WriteAll(accounts.Select((account, i) => (Func<decimal>)(() =>
        {
            runs[i]++;
            return _f.Store.Write(() =>
            {
                _f.Store.Accounts.Update(account with { Balance = 10m * (i + 1) });
                return 10m * (i + 1);
            });
        })).ToList());

        Assert.Equal([10m, 20m, 30m], outcomes.Select(o => o.Result));
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.Equal([1, 1, 1], runs);
        Assert.Equal([10m, 20m, 30m], accounts.Select(a => _f.Balance(a.Id)));
    }

    [Fact]
    public void WriteAll_OneUnitThrowsAfterWriting_OthersStoredItsErrorItsOwnAndNothingOfItLeft()
    {
        var accounts = Enumerable.Range(1, 3).Select(i => _f.Customer(name: $"Shop {i}")).ToList();
        var runs = new int[accounts.Count];
        var refusal = new BillingException(BillingError.InsufficientFunds);

        var outcomes = _f.Store.WriteAll(accounts.Select((account, i) => (Func<int>)(() =>
        {
            runs[i]++;
            _f.Store.Accounts.Update(account with { Balance = 5m });
            return i == 1 ? throw refusal : i;
        })).ToList());

        Assert.Equal(0, outcomes[0].Result);
        Assert.Same(refusal, outcomes[1].Error);
        Assert.Equal(2, outcomes[2].Result);
        Assert.Null(outcomes[2].Error);
        // The batch ran as far as the failing unit, was rolled back, then each unit ran alone.
        Assert.Equal([2, 2, 1], runs);
        Assert.Equal([5m, 0m, 5m], accounts.Select(a => _f.Balance(a.Id)));
    }

    [Fact]
    public void TryWriteAll_EveryUnitSucceeds_AllStoredInOneGo()
    {
        var accounts = Enumerable.Range(1, 3).Select(i => _f.Customer(name: $"Shop {i}")).ToList();

        var results = _f.Store.TryWriteAll(accounts.Select((account, i) => (Func<decimal>)(() =>
            _f.Store.Write(() =>
            {
                _f.Store.Accounts.Update(account with { Balance = 10m * (i + 1) });
                return _f.Store.Read(() => _f.Store.Accounts.FindById(account.Id).Balance);
            }))).ToList());

        Assert.Equal([10m, 20m, 30m], results);
        Assert.Equal([10m, 20m, 30m], accounts.Select(a => _f.Balance(a.Id)));
    }

    [Fact]
    public void TryWriteAll_OneUnitFailsEvenCaught_NothingStoredAndNullForTheCallerToRunEachAlone()
    {
        var accounts = Enumerable.Range(1, 3).Select(i => _f.Customer(name: $"Shop {i}")).ToList();

        var results = _f.Store.TryWriteAll(accounts.Select((account, i) => (Func<int>)(() =>
        {
            _f.Store.Write(() => _f.Store.Accounts.Update(account with { Balance = 5m }));
            try
            {
                // A refusal the unit catches still fails it: the joined write's partial work cannot be undone alone.
                _f.Store.Write(() => i == 1 ? throw new BillingException(BillingError.InsufficientFunds) : i);
            }
            catch (BillingException)
            {
            }

            return i;
        })).ToList());

        Assert.Null(results);
        Assert.Equal([0m, 0m, 0m], accounts.Select(a => _f.Balance(a.Id)));
    }

    [Fact]
    public void WriteAll_UnitCatchesItsFailedNestedWrite_UnitFailsAndThatWritesWorkIsUndone()
    {
        var kept = _f.Customer(name: "Kept");
        var half = _f.Customer(name: "Half written");

        var outcomes = _f.Store.WriteAll<bool>([
            () => _f.Store.Write(() => _f.Store.Accounts.Update(kept with { Balance = 1m })),
            () =>
            {
                try
                {
                    _f.Store.Write(() =>
                    {
                        _f.Store.Accounts.Update(half with { Balance = 2m });
                        throw new InvalidOperationException("boom");
                    });
                }
                catch (InvalidOperationException)
                {
                    // Swallowed on purpose: alone, this nested write would have been rolled back by itself.
                }

                return true;
            },
        ]);

        Assert.True(outcomes[0].Result);
        Assert.Equal("boom", Assert.IsType<InvalidOperationException>(outcomes[1].Error).Message);
        Assert.Equal(1m, _f.Balance(kept.Id));
        Assert.Equal(0m, _f.Balance(half.Id));
    }

    [Fact]
    public void WriteAll_InsideAWrite_Refused() =>
        Assert.Throws<InvalidOperationException>(() => _f.Store.Write(() => _f.Store.WriteAll<int>([() => 1])));

    [Fact]
    public void Write_AfterABatch_InsideAWriteRefusedAgain()
    {
        _f.Store.WriteAll<int>([() => 1, () => 2]);

        Assert.Throws<InvalidOperationException>(() => _f.Store.Write(() => _f.Store.Write(() => 1)));
    }

    [Fact]
    public void Write_InsideARead_Refused()
    {
        var account = _f.Customer();

        Assert.Throws<InvalidOperationException>(() => _f.Store.Read(() => _f.Store.Write(() => _f.Store.Accounts.Update(account with { Balance = 7m }))));

        Assert.Equal(0m, _f.Balance(account.Id));
    }
}
