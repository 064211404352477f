using System.Collections;
using System.Reflection;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Billing.Tests.Storage;

public sealed class FilterTests : IDisposable
{
    private static readonly string[] Caches = ["_cacheScalar", "_cacheEnumerable"];

    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void ReadsOfManyAccounts_CompileNoExpressionPerAccount()
    {
        var accounts = Enumerable.Range(1, 60).Select(n => _f.Customer(name: $"Shop {n}")).ToList();
        foreach (var account in accounts)
        {
            _f.Pay(account, 10m);
        }

        // Warm up: each query's text is compiled once.
        Read(accounts[0].Id);
        var before = CompiledExpressions();

        foreach (var account in accounts)
        {
            Read(account.Id);
        }

        // Sixty accounts read the way the chat and the digests read them. Tests running beside this one may compile
        // a few texts of their own; a compile per value would add well over a hundred.
        Assert.InRange(CompiledExpressions() - before, 0, 30);
    }

    [Fact]
    public void In_FindsEachIdListed()
    {
        var accounts = Enumerable.Range(1, 5).Select(n => _f.Customer(name: $"Shop {n}")).ToList();

        var found = _f.Store.Read(() => _f.Store.Accounts.Find(Filter.In("_id", [accounts[1].Id, accounts[3].Id, 999])).Select(a => a.Name).ToList());

        Assert.Equal(["Shop 2", "Shop 4"], found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CountIndexed_CountsFromTheIndexWithoutReadingTheDocuments()
    {
        var accounts = Enumerable.Range(1, 7).Select(n => _f.Customer(name: $"Shop {n}")).ToList();
        _f.Store.Write(() => _f.Store.Accounts.EnsureIndex(a => a.Name));

        var (count, plan, ownPlan) = _f.Store.Read(() => (
            Filter.CountIndexed(_f.Store.Accounts, nameof(Account.Name), "Shop 3"),
            Filter.IndexedQuery(_f.Store.Accounts, nameof(Account.Name), "Shop 3").GetPlan(),
            _f.Store.Accounts.Query().Where(Filter.Equal(nameof(Account.Name), "Shop 3")).Select(a => a.Id).GetPlan()));

        Assert.Equal(1, count);
        Assert.Equal(7, _f.Store.Read(() => accounts.Sum(a => Filter.CountIndexed(_f.Store.Accounts, nameof(Account.Name), a.Name))));
        Assert.Equal("index", plan["lookup"]["loader"].AsString);
        // What LiteDB does otherwise: it reads each matching document.
        Assert.Equal("document", ownPlan["lookup"]["loader"].AsString);
    }

    private void Read(int accountId)
    {
        _ = _f.Billing.Accounts.History(accountId);
        var today = DateOnly.FromDateTime(_f.Time.GetUtcNow().UtcDateTime);
        _ = _f.Billing.Accounts.Statement(accountId, today.AddDays(-1), today);
        _ = _f.Billing.Members.MembersOf(accountId);
        _ = _f.Billing.Members.AccountsOf(accountId);
    }

    /// <summary>How many expression texts LiteDB has compiled in this process: it keeps each one for good.</summary>
    private static int CompiledExpressions() =>
        Caches.Select(name => typeof(BsonExpression).GetField(name, BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null) as ICollection
                ?? throw new InvalidOperationException($"LiteDB no longer keeps its compiled expressions in {name}; this test needs another way to count them."))
            .Sum(cache => cache.Count);
}
