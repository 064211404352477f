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

        // Each document as it is read, none kept: a large store is checked in little memory (the bot may run this).
        void Each<T>(ILiteCollection<T> collection, string name, Action<T>? look = null)
        {
            try
            {
                foreach (var document in collection.FindAll())
                {
                    documents++;
                    look?.Invoke(document);
                }
            }
            catch (Exception e) when (e is LiteException or InvalidCastException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException)
            {
                unreadable.Add(new UnreadableDocuments(name, e.Message));
            }
        }

        var balances = new Dictionary<int, decimal>();
        Each(store.Accounts, "accounts", a => balances[a.Id] = a.Balance);
        var sums = new Dictionary<int, decimal>();
        Each(store.Entries, "entries", e => sums[e.AccountId] = sums.GetValueOrDefault(e.AccountId) + e.Amount);
        Each(store.Invoices, "invoices");
        Each(store.Payments, "payments");
        Each(store.Promises, "promises");
        Each(store.Rules, "autotopup");
        Each(store.Members, "members");
        Each(store.Invitations, "invitations");
        Each(store.Outbox, "outbox");
        var mismatches = balances
            .Where(b => b.Value != sums.GetValueOrDefault(b.Key))
            .OrderBy(b => b.Key)
            .Select(b => new BalanceMismatch(b.Key, b.Value, sums.GetValueOrDefault(b.Key)))
            .ToList();
        return new CheckReport(balances.Count, documents, mismatches, unreadable);
    });
}
