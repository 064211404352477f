using System.Diagnostics.CodeAnalysis;

namespace BillingBot.Billing.Storage;

/// <summary>
/// Documents of one store as last committed, kept for the next transactions' reads: one for each store, so every service
/// over it sees every write. Used only inside the store's transactions, which run one at a time. A key written in the
/// running transaction is read from that transaction (never from here) until it is committed; a write reaches this
/// cache only once it is committed, so a rollback leaves nothing behind.
/// </summary>
public sealed class Committed<TKey, TValue>(BillingStore store, int kept)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _committed = [];
    private readonly HashSet<TKey> _written = [];
    private long _writtenIn = -1;

    /// <summary>The committed value, unless the running transaction wrote the key.</summary>
    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (Written().Contains(key))
        {
            value = default;
            return false;
        }

        return _committed.TryGetValue(key, out value);
    }

    /// <summary>Whether the running transaction wrote the key.</summary>
    public bool IsWritten(TKey key) => Written().Contains(key);

    /// <summary>A value read from the store: kept, unless the running transaction wrote the key (it is not committed yet).</summary>
    public void Read(TKey key, TValue value)
    {
        if (!Written().Contains(key))
        {
            Keep(key, value);
        }
    }

    /// <summary>The running transaction wrote these: kept once it is committed (only those kept already, unless <paramref name="keepNew"/>).</summary>
    public void Wrote(IReadOnlyList<(TKey Key, TValue Value)> written, bool keepNew = true)
    {
        var keys = Written();
        foreach (var (key, _) in written)
        {
            keys.Add(key);
        }

        store.AfterCommit(() =>
        {
            foreach (var (key, value) in written)
            {
                if (keepNew || _committed.ContainsKey(key))
                {
                    Keep(key, value);
                }
            }
        });
    }

    /// <summary>The running transaction changed the key in a way only a new read tells: dropped, and read afresh after it.</summary>
    public void Changed(TKey key)
    {
        Written().Add(key);
        _committed.Remove(key);
    }

    private void Keep(TKey key, TValue value)
    {
        if (_committed.Count >= kept && !_committed.ContainsKey(key))
        {
            _committed.Clear();
        }

        _committed[key] = value;
    }

    private HashSet<TKey> Written()
    {
        if (!store.InTransaction)
        {
            throw new InvalidOperationException("What is committed is read inside the store's transactions only.");
        }

        if (_writtenIn != store.Transaction)
        {
            _written.Clear();
            _writtenIn = store.Transaction;
        }

        return _written;
    }
}
