using BillingBot.Billing.Ledger;
using LiteDB;

namespace BillingBot.Benchmarks;

/// <summary>
/// The least LiteDB itself needs for one accrual day, with no BillingBot code at all: in the accrual's batches, read
/// each account's balance, insert its entry and write the balance back, in one transaction a batch. Measured for one
/// balance a document (the store's layout) and for balances packed many to a document, to show what the accrual's
/// ratio to the raw insert can come down to.
/// </summary>
internal static class LayoutFloor
{
    /// <summary>Prints both layouts' times; returns the store's own layout's (one balance a document), the floor the accrual is held to.</summary>
    public static TimeSpan Run(Workspace workspace, int accounts, DateOnly day, DateTimeOffset now, TimeSpan rawInsert)
    {
        var floor = TimeSpan.Zero;
        foreach (var perDocument in new[] { 1, 250 })
        {
            var elapsed = Accrue(workspace.File($"floor-{perDocument}.db"), accounts, perDocument, day, now);
            Figures.Print(
                $"plain LiteDB, no BillingBot code: read, insert entry, write balance for {Figures.Number(accounts)} accounts, {perDocument} balance(s) a document",
                $"{Figures.Seconds(elapsed)}, {Figures.Number(elapsed / rawInsert, "0.00")}x the raw insert");
            floor = perDocument == 1 ? elapsed : floor;
        }

        var own = OnAccountDocuments(workspace.File("floor-accounts.db"), accounts, day, now);
        Figures.Print(
            $"plain LiteDB, no BillingBot code: the same work on the store's own account documents (name, zone, a month of daily charges …), {Figures.Number(accounts)} accounts",
            $"{Figures.Seconds(own)}, {Figures.Number(own / rawInsert, "0.00")}x the raw insert");
        return floor;
    }

    /// <summary>
    /// The floor's work on accounts as the store holds them (seeded as the accrual's are): each document read, its
    /// balance, sequence, progress marker and month of daily charges changed, and written back beside its entry.
    /// </summary>
    private static TimeSpan OnAccountDocuments(string path, int accounts, DateOnly day, DateTimeOffset now)
    {
        using (var store = new Billing.Storage.BillingStore(path))
        {
            AccrualBenchmark.Seed(store, accounts, day);
        }

        using var db = RawLiteDb.Open(path);
        var documents = db.GetCollection("accounts");
        var entries = db.GetCollection<LedgerEntry>("entries");
        var dayText = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, elapsed, _) = Figures.Measure(() =>
        {
            for (var last = 0; ;)
            {
                db.BeginTrans();
                var batch = documents.Find(Query.GT("_id", last), limit: ChargeService.AccrualBatch).ToList();
                var written = new List<LedgerEntry>();
                foreach (var document in batch)
                {
                    var id = document["_id"].AsInt32;
                    var tariff = document["DailyTariff"].AsDecimal;
                    if (tariff == 0)
                    {
                        continue;
                    }

                    var balance = document["Balance"].AsDecimal - tariff;
                    var seq = document["LastSeq"].AsInt64 + 1;
                    var charges = document["RecentCharges"].AsBinary;
                    document["Balance"] = balance;
                    document["LastSeq"] = seq;
                    document["AccruedThrough"] = dayText;
                    // A day's charge in, the oldest out: the same bytes, one place on.
                    document["RecentCharges"] = charges.Length == 0 ? charges : [.. charges.AsSpan(20), .. charges.AsSpan(0, 20)];
                    written.Add(RawLiteDb.Entry(id, day, now) with { Seq = seq, Position = LedgerEntry.PositionOf(id, seq), BalanceAfter = balance, Amount = -tariff });
                }

                entries.InsertBulk(written);
                documents.Update(batch);
                db.Commit();
                if (batch.Count < ChargeService.AccrualBatch)
                {
                    return true;
                }

                last = batch[^1]["_id"].AsInt32;
            }
        });
        return elapsed;
    }

    private static TimeSpan Accrue(string path, int accounts, int perDocument, DateOnly day, DateTimeOffset now)
    {
        using var db = RawLiteDb.Open(path);
        var balances = db.GetCollection("balances");
        var documents = (accounts + perDocument - 1) / perDocument;
        balances.InsertBulk(Enumerable.Range(0, documents).Select(n => new BsonDocument
        {
            ["_id"] = n,
            ["Heads"] = new BsonArray(Enumerable.Range(0, perDocument).Select(_ => (BsonValue)new BsonDocument { ["Balance"] = 1_000m, ["LastSeq"] = 0L })),
        }));
        var entries = db.GetCollection<LedgerEntry>("entries");
        entries.EnsureIndex(e => e.Position, unique: true);

        var (_, elapsed, _) = Figures.Measure(() =>
        {
            for (var first = 0; first < documents; first += Math.Max(1, ChargeService.AccrualBatch / perDocument))
            {
                db.BeginTrans();
                var batch = balances.Find(Query.GTE("_id", first), limit: Math.Max(1, ChargeService.AccrualBatch / perDocument)).ToList();
                var written = new List<LedgerEntry>();
                foreach (var document in batch)
                {
                    var heads = document["Heads"].AsArray;
                    for (var i = 0; i < heads.Count; i++)
                    {
                        var head = heads[i].AsDocument;
                        var balance = head["Balance"].AsDecimal - 10m;
                        var seq = head["LastSeq"].AsInt64 + 1;
                        head["Balance"] = balance;
                        head["LastSeq"] = seq;
                        var accountId = (document["_id"].AsInt32 * perDocument) + i + 1;
                        written.Add(RawLiteDb.Entry(accountId, day, now) with { Seq = seq, Position = LedgerEntry.PositionOf(accountId, seq), BalanceAfter = balance });
                    }
                }

                entries.InsertBulk(written);
                balances.Update(batch);
                db.Commit();
            }

            return true;
        });
        return elapsed;
    }
}
