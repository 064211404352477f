using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace BillingBot.Billing.Tests.Properties;

/// <summary>Payments recorded as one batch give the same answers and the same ledger as recorded one by one.</summary>
public sealed class RecordAllPropertyTests
{
    [Property(MaxTest = 60, Arbitrary = [typeof(PaymentBatchArbitraries)])]
    public void AnyBatch_RecordAll_SameAnswersAndLedgerAsRecordOneByOne(PaymentBatch batch)
    {
        using var oneByOne = new LedgerWorld();
        using var together = new LedgerWorld();

        var expected = batch.Payments.Select(p => Answer(() => oneByOne.Billing.Invoices.Record(p.ToIncoming(oneByOne)))).ToList();
        var outcomes = together.Billing.Invoices.RecordAll(batch.Payments.Select(p => p.ToIncoming(together)).ToList());

        Assert.Equal(expected, outcomes.Select(Answer));
        var after = together.Snapshot();
        Assert.Equal(oneByOne.Snapshot().Render(), after.Render());
        Assert.Equal(oneByOne.Snapshot().Entries, after.Entries);
        Assert.All(after.Accounts, a => Assert.Equal(together.SumOfEntries(a.Id), a.Balance));
    }

    private static string Answer(Func<Payment> record)
    {
        try
        {
            return "recorded " + record();
        }
        catch (BillingException e)
        {
            return "refused " + e.Error;
        }
    }

    private static string Answer(Outcome<Payment> outcome) =>
        outcome.Error is BillingException e ? "refused " + e.Error : "recorded " + outcome.Result;
}

/// <summary>A payment to one of the world's accounts, in its currency unless <paramref name="Currency"/> names another.</summary>
public sealed record BatchPayment(Party To, decimal Amount, string Key, string? Currency)
{
    public IncomingPayment ToIncoming(LedgerWorld world) => new(Key, Amount, AccountId: world.Id(To), Currency: Currency);
}

/// <summary>Payments posted together.</summary>
public sealed record PaymentBatch(IReadOnlyList<BatchPayment> Payments)
{
    public override string ToString() => string.Join(Environment.NewLine, Payments.Select((p, i) => $"{i}: {p}").Prepend("Batch"));
}

/// <summary>
/// Batches of up to 20 payments drawn from a few distinct ones: a payment drawn twice is a provider's retry, two
/// sharing a key with other data are a conflict; now and then an amount or currency the rules refuse.
/// </summary>
public static class PaymentBatchArbitraries
{
    public static Arbitrary<PaymentBatch> Batch() => Arb.From(BatchGen(), Shrink);

    private static Gen<PaymentBatch> BatchGen() =>
        from distinct in Gen.Choose(1, 8)
        from pool in Gen.ListOf(Payment, distinct)
        from length in Gen.Choose(1, 20)
        from picks in Gen.ListOf(Gen.Choose(0, distinct - 1), length)
        select new PaymentBatch(picks.Select(i => pool[i]).ToList());

    private static Gen<BatchPayment> Payment =>
        from to in Gen.Elements(Enum.GetValues<Party>())
        from amount in Gen.Frequency((12, Gen.Choose(1, 200_000).Select(cents => cents / 100m)), (1, Gen.Elements(0m, -5m, 1.005m, 200_000_000m)))
        from key in Gen.Choose(0, 5)
        from currency in Gen.Frequency((12, Gen.Constant<string?>(null)), (1, Gen.Elements<string?>("EUR", "rub", "XXX")))
        select new BatchPayment(to, amount, $"p{key}", currency);

    /// <summary>Each payment left out in turn.</summary>
    private static IEnumerable<PaymentBatch> Shrink(PaymentBatch batch) =>
        batch.Payments.Count < 2 ? [] : batch.Payments.Select((_, i) => new PaymentBatch(batch.Payments.Where((_, j) => j != i).ToList()));
}
