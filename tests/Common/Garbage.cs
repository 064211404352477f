using BillingBot.Billing.Accounts;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Tests.Common;

/// <summary>Damage as garbage in a page leaves it, written under the store so the file's structure stays whole.</summary>
public static class Garbage
{
    /// <summary>Gives account <paramref name="accountId"/> bytes that are not a month of daily charges.</summary>
    public static void InRecentCharges(BillingStore store, int accountId) => store.Write(() =>
    {
        var accounts = store.Collection<BsonDocument>("accounts");
        var doc = accounts.FindById(accountId);
        doc[nameof(Account.RecentCharges)] = new BsonValue(Enumerable.Repeat((byte)0xFF, 20).ToArray());
        accounts.Update(doc);
    });
}
