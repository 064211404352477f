using System.Globalization;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Benchmarks;

/// <summary>What plain LiteDB does with the same documents, through a LiteDatabase of its own opened as the store opens its file.</summary>
internal static class RawLiteDb
{
    /// <summary>The entries one accrual writes, in one bulk call into a fresh collection with the store's indexes.</summary>
    public static int BulkInsert(string path, int count, DateOnly day, DateTimeOffset now)
    {
        using var db = Open(path);
        var entries = db.GetCollection<LedgerEntry>("entries");
        entries.EnsureIndex(e => e.Position, unique: true);
        return entries.InsertBulk(Enumerable.Range(1, count).Select(id => Entry(id, day, now)));
    }

    /// <summary>An account's service charge for <paramref name="day"/> as the accrual stores it.</summary>
    public static LedgerEntry Entry(int accountId, DateOnly day, DateTimeOffset now) => new()
    {
        Id = ChargeService.TariffKey(accountId, day),
        AccountId = accountId,
        Seq = 1,
        Position = LedgerEntry.PositionOf(accountId, 1),
        Time = now,
        Amount = -10m,
        Kind = EntryKind.ServiceCharge,
        BalanceAfter = 990m,
        ChargeDate = day,
    };

    public static LiteDatabase Open(string path) => new(BillingStore.Connection(path), Mapper());

    /// <summary>The store's mapping of the types an entry holds (its own mapper is private to it).</summary>
    private static BsonMapper Mapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };
        mapper.RegisterType<DateOnly>(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b => DateOnly.ParseExact(b.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        mapper.RegisterType<DateTimeOffset>(d => new BsonValue(d.UtcTicks), b => new DateTimeOffset(b.AsInt64, TimeSpan.Zero));
        mapper.Entity<LedgerEntry>().Id(e => e.Id, autoId: false);
        return mapper;
    }
}
