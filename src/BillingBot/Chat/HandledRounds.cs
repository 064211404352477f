using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Chat;

/// <summary>
/// The updates of one round (texts and button presses of different chats, decided in one transaction) that changed
/// nothing stored: a menu asked for again, a balance looked at. Their chats' sessions are not written just to keep
/// their ids; this one record of the round, in the round's transaction, keeps them instead.
/// </summary>
public sealed record HandledRound(long Id, IReadOnlyList<long> UpdateIds, DateTimeOffset At);

/// <summary>
/// The handled rounds of a store, and the ids of the newest in memory, so an update delivered again (a webhook retry,
/// or the batch in flight when the bot stopped) is known without a query. Telegram redelivers only updates it was
/// not told are handled, a batch or two, and keeps none longer than a day: at a start, the newest rounds of the last
/// day are read back.
/// </summary>
/// <remarks>Touched only inside the store's transactions (and after their commits), which run one at a time.</remarks>
internal sealed class HandledRounds
{
    /// <summary>Update ids kept in memory; far more than the rounds Telegram could deliver again.</summary>
    public const int KeptIds = 50_000;

    /// <summary>Rounds read back at a start.</summary>
    public const int ReadAtStart = 1_000;

    private readonly BillingStore _store;
    private readonly ILiteCollection<HandledRound> _rounds;
    private readonly HashSet<long> _ids = [];
    private readonly Queue<HandledRound> _kept = [];

    public HandledRounds(BillingStore store, DateTimeOffset now)
    {
        _store = store;
        _rounds = store.Collection<HandledRound>("rounds");
        var newest = store.Read(() => _rounds.Query()
            .Where(BsonExpression.Create($"$.{nameof(HandledRound.At)} > @0", new BsonValue((now - ChatSession.RedeliveredWithin).UtcTicks)))
            .OrderByDescending(r => r.Id)
            .Limit(ReadAtStart)
            .ToList());
        foreach (var round in Enumerable.Reverse(newest))
        {
            Remember(round);
        }
    }

    public bool Contains(long updateId) => _ids.Contains(updateId);

    /// <summary>Stores the round's record in the running transaction; its ids are known in memory once it is committed.</summary>
    public void Record(IReadOnlyList<long> updateIds, DateTimeOffset now)
    {
        if (updateIds.Count == 0)
        {
            return;
        }

        // An update is decided once, so no two rounds share an id: the lowest names the round.
        var round = new HandledRound(updateIds.Min(), [.. updateIds], now);
        _rounds.Insert(round);
        _store.AfterCommit(() => Remember(round));
    }

    /// <summary>Forgets rounds stored before <paramref name="before"/> (inside the running transaction).</summary>
    public int ForgetBefore(DateTimeOffset before) =>
        _rounds.DeleteMany(BsonExpression.Create($"$.{nameof(HandledRound.At)} < @0", new BsonValue(before.UtcTicks)));

    private void Remember(HandledRound round)
    {
        _kept.Enqueue(round);
        _ids.UnionWith(round.UpdateIds);
        while (_ids.Count > KeptIds && _kept.TryDequeue(out var oldest))
        {
            _ids.ExceptWith(oldest.UpdateIds);
        }
    }
}
