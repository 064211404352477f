using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Billing.Ledger;

/// <summary>An account whose cached balance is not the sum of its entries.</summary>
public sealed record BalanceMismatch(int AccountId, decimal Balance, decimal SumOfEntries);

/// <summary>A collection of the store a document of which could not be read back.</summary>
public sealed record UnreadableDocuments(string Collection, string Reason);

/// <summary>What <see cref="LedgerCheck.Run"/> found: every document read, every balance against its entries.</summary>
public sealed record CheckReport(int Accounts, int Documents, IReadOnlyList<BalanceMismatch> Mismatches, IReadOnlyList<UnreadableDocuments> Unreadable)
{
    public bool Sound => Mismatches.Count == 0 && Unreadable.Count == 0;
}

/// <summary>
/// Reads every document of the store, each as its type, and checks the ledger's rule for every account: its cached
/// balance is the sum of its entries. One read transaction, so the answer is of one moment.
/// </summary>
public static class LedgerCheck
{
    public static CheckReport Run(BillingStore store) => store.Read(() =>
    {
        var unreadable = new List<UnreadableDocuments>();
        var documents = 0;
        List<T> All<T>(ILiteCollection<T> collection, string name)
        {
            try
            {
                var all = collection.FindAll().ToList();
                documents += all.Count;
                return all;
            }
            catch (Exception e) when (e is LiteException or InvalidCastException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
            {
                unreadable.Add(new UnreadableDocuments(name, e.Message));
                return [];
            }
        }

        var accounts = All(store.Accounts, "accounts");
        var sums = new Dictionary<int, decimal>();
        foreach (var entry in All(store.Entries, "entries"))
        {
            sums[entry.AccountId] = sums.GetValueOrDefault(entry.AccountId) + entry.Amount;
        }

        All(store.Invoices, "invoices");
        All(store.Payments, "payments");
        All(store.Promises, "promises");
        All(store.Rules, "autotopup");
        All(store.Members, "members");
        All(store.Invitations, "invitations");
        All(store.Outbox, "outbox");
        var mismatches = accounts
            .Where(a => a.Balance != sums.GetValueOrDefault(a.Id))
            .Select(a => new BalanceMismatch(a.Id, a.Balance, sums.GetValueOrDefault(a.Id)))
            .ToList();
        return new CheckReport(accounts.Count, documents, mismatches, unreadable);
    });
}
