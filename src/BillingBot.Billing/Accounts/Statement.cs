using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.Accounts;

/// <summary>An account's ledger over whole billing days: the balance before them, their entries oldest first, the balance after.</summary>
public sealed record Statement(Account Account, DateOnly First, DateOnly Last, decimal Opening, IReadOnlyList<LedgerEntry> Entries)
{
    /// <summary>The balance after the last entry of the days; the opening one when nothing happened.</summary>
    public decimal Closing => Entries.Count == 0 ? Opening : Entries[^1].BalanceAfter;
}

/// <summary>Finds the entries of a span of billing days on the position index, without reading the rest of the account's ledger.</summary>
internal static class StatementQuery
{
    /// <summary>Runs inside a read transaction, so the entries and the balances around them come from one snapshot.</summary>
    public static Statement Read(BillingStore store, Account account, DateOnly first, DateOnly last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        var zone = Clock.Zone(account.TimeZone);
        // Entries are posted in time order, so seq order is time order and the days' entries are one range of
        // positions. Its ends are found by binary search; the balances around the range then make the amounts add up.
        var from = FirstSeqFrom(store, account, Clock.StartOf(first, zone));
        var to = FirstSeqFrom(store, account, Clock.StartOf(last.AddDays(1), zone)) - 1;
        var opening = from > 1 ? EntryFrom(store, account.Id, from - 1)?.BalanceAfter ?? 0m : 0m;
        var entries = from > to
            ? []
            : store.Entries.Query()
                .Where(Filter.Between(nameof(LedgerEntry.Position), LedgerEntry.PositionOf(account.Id, from), LedgerEntry.PositionOf(account.Id, to)))
                .OrderBy(e => e.Position)
                .ToList();
        return new Statement(account, first, last, opening, entries);
    }

    /// <summary>The seq of the first entry posted at or after <paramref name="instant"/>; one past the newest when there is none.</summary>
    private static long FirstSeqFrom(BillingStore store, Account account, DateTimeOffset instant)
    {
        var low = 1L;
        var high = account.LastSeq + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (EntryFrom(store, account.Id, middle) is { } entry && entry.Time < instant)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The entry at <paramref name="seq"/>, or the next one after it: one index seek.</summary>
    private static LedgerEntry? EntryFrom(BillingStore store, int accountId, long seq) =>
        store.Entries.Query()
            .Where(Filter.Between(nameof(LedgerEntry.Position), LedgerEntry.PositionOf(accountId, seq), LedgerEntry.PositionOf(accountId, uint.MaxValue)))
            .OrderBy(e => e.Position)
            .FirstOrDefault();
}
