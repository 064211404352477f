using FsCheck;
using FsCheck.Fluent;

namespace BillingBot.Billing.Tests.Properties;

/// <summary>The accounts of the small world the properties run in.</summary>
public enum Party
{
    Customer,
    Agency,

    /// <summary>A client of the agency with an auto top-up rule.</summary>
    ClientA,

    /// <summary>A client of the agency without a rule.</summary>
    ClientB,
}

/// <summary>One step of a random script; each carries its own idempotency key where the operation takes one.</summary>
public abstract record Operation;

public sealed record Pay(Party To, decimal Amount, string Key) : Operation;

public sealed record Charge(Party Account, decimal Amount, string Key) : Operation;

/// <summary>Agency → client is a transfer, client → agency a return; other pairs are refused.</summary>
public sealed record Transfer(Party From, Party To, decimal Amount, string Key) : Operation;

public sealed record TakePromise(Party Account, decimal Amount, string Key) : Operation;

/// <summary>Repaying takes no key: it repays whatever is owed, so it is not replayed.</summary>
public sealed record RepayPromises(Party Account) : Operation;

public sealed record PayInvoice(Party Account, decimal Amount, decimal Extra, string Key) : Operation;

/// <summary>Moves the clock on, accrues through today less <paramref name="Lag"/> days and reviews promises.</summary>
public sealed record Accrue(int Days, int Hours, int Lag) : Operation;

/// <summary>Runs again, with the same key and arguments, the operation <paramref name="Back"/> keyed operations before it.</summary>
public sealed record Replay(int Back) : Operation;

/// <summary>A random sequence of operations.</summary>
public sealed record Script(IReadOnlyList<Operation> Operations)
{
    public override string ToString() => string.Join(Environment.NewLine, Operations.Select((op, i) => $"{i}: {op}").Prepend("Script"));
}

/// <summary>Generates scripts of up to 30 operations, mostly valid, some refused; shrinks by dropping operations.</summary>
public static class LedgerArbitraries
{
    public const int MaxLength = 30;

    public static Arbitrary<Script> Script() => Arb.From(ScriptGen(), Shrink);

    private static Gen<Script> ScriptGen() =>
        from length in Gen.Choose(1, MaxLength)
        from steps in Gen.ListOf(Step, length)
        select new Script(steps.Select((step, i) => step($"k{i}")).ToList());

    private static Gen<Func<string, Operation>> Step => Gen.Frequency(
        (7, from to in Payee from amount in Amount(2_000) select Keyed(key => new Pay(to, amount, key))),
        (2, from account in AnyParty from amount in Amount(100) select Keyed(key => new Charge(account, amount, key))),
        (6, from pair in Gen.Frequency((8, AgencyAndClient), (1, Gen.Zip(AnyParty, AnyParty))) from amount in Amount(600) select Keyed(key => new Transfer(pair.Item1, pair.Item2, amount, key))),
        (3, from account in AnyParty from amount in Amount(200) select Keyed(key => new TakePromise(account, amount, key))),
        (2, from account in AnyParty select Keyed(_ => new RepayPromises(account))),
        (2, from account in AnyParty from amount in Amount(1_000) from extra in Gen.Elements(0m, 0m, 0.01m, 25m) select Keyed(key => new PayInvoice(account, amount, extra, key))),
        (3, from days in Gen.Elements(0, 1, 1, 2, 4, 8) from hours in Gen.Choose(0, 23) from lag in Gen.Elements(0, 0, 0, 1, 2) select Keyed(_ => new Accrue(days, hours, lag))),
        (4, from back in Gen.Choose(1, 5) select Keyed(_ => new Replay(back))));

    /// <summary>Payments go to the agency more often than to others, so it has money to transfer.</summary>
    private static Gen<Party> Payee => Gen.Frequency((3, Gen.Constant(Party.Agency)), (3, AnyParty));

    private static Gen<Party> AnyParty => Gen.Elements(Enum.GetValues<Party>());

    private static Gen<(Party, Party)> AgencyAndClient =>
        from client in Gen.Elements(Party.ClientA, Party.ClientB)
        from toClient in Gen.Elements(true, false)
        select toClient ? (Party.Agency, client) : (client, Party.Agency);

    /// <summary>Whole cents up to <paramref name="max"/>, and now and then an amount the rules refuse.</summary>
    private static Gen<decimal> Amount(int max) => Gen.Frequency(
        (15, Gen.Choose(1, max * 100).Select(cents => cents / 100m)),
        (1, Gen.Elements(0m, -5m, 1.005m, 200_000_000m)));

    private static Func<string, Operation> Keyed(Func<string, Operation> make) => make;

    /// <summary>Shorter scripts first: the first half, the second half, then each operation left out in turn.</summary>
    private static IEnumerable<Script> Shrink(Script script)
    {
        var ops = script.Operations;
        if (ops.Count > 1)
        {
            yield return new Script(ops.Take(ops.Count / 2).ToList());
            yield return new Script(ops.Skip(ops.Count / 2).ToList());
        }

        for (var i = ops.Count - 1; i >= 0 && ops.Count > 1; i--)
        {
            yield return new Script(ops.Where((_, j) => j != i).ToList());
        }
    }
}
