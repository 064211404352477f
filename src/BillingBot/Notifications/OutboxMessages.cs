using System.Runtime.CompilerServices;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Notifications;

/// <summary>The messages waiting to go to chats, and those sent: the one owner of their collection in a store.</summary>
internal sealed class OutboxMessages
{
    private static readonly ConditionalWeakTable<BillingStore, OutboxMessages> ByStore = [];

    private OutboxMessages(BillingStore store) => Collection = store.Collection<OutboxMessage>("messages");

    /// <summary>The messages of <paramref name="store"/>: one instance for each store.</summary>
    public static OutboxMessages Of(BillingStore store) => ByStore.GetValue(store, s => new OutboxMessages(s));

    public ILiteCollection<OutboxMessage> Collection { get; }

    /// <summary>
    /// Messages held while the chat could not be reached go out after all, if they are from the last day (inside the
    /// running transaction).
    /// </summary>
    public void ReleaseHeld(long chatId, DateTimeOffset now)
    {
        foreach (var held in Collection.Find(Filter.Equal(nameof(OutboxMessage.ChatId), chatId)).Where(m => m.Status == MessageStatus.Unreachable && now - m.CreatedAt < TimeSpan.FromDays(1)).ToList())
        {
            Collection.Update(held with { Status = MessageStatus.Pending, NotBefore = now });
        }
    }
}
