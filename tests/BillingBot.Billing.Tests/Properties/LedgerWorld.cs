using System.Globalization;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.PromisedPayments;

namespace BillingBot.Billing.Tests.Properties;

/// <summary>
/// One customer, one agency with two clients (one with an auto top-up rule) on a real LiteDB file.
/// Runs a script step by step and hands each step, with the state before and after it, to a check.
/// </summary>
public sealed class LedgerWorld : IDisposable
{
    private readonly BillingFixture _fixture = new();
    private readonly Dictionary<Party, int> _ids = [];

    // What each keyed operation called, so a replay calls exactly the same again, and whether it ever succeeded.
    private readonly List<(Operation Op, Action Call, bool Succeeded)> _keyed = [];

    // Why the last call was refused, for a readable counterexample.
    private BillingError? _refusal;

    public LedgerWorld()
    {
        var agency = _fixture.Agency("RUB");
        _ids[Party.Customer] = _fixture.Customer("USD", 3.33m).Id;
        _ids[Party.Agency] = agency.Id;
        _ids[Party.ClientA] = _fixture.Client(agency, 20m, "Client A").Id;
        _ids[Party.ClientB] = _fixture.Client(agency, 10m, "Client B").Id;
        Billing.Agency.SetRule(_ids[Party.ClientA], amount: 300m, threshold: 50m, limit: 900m, LimitPeriod.Day);

        // Everyone has paid once, so promised payments are open to all from the first step.
        foreach (var (party, amount) in new[] { (Party.Customer, 100m), (Party.Agency, 2_000m), (Party.ClientA, 200m), (Party.ClientB, 200m) })
        {
            Billing.Invoices.Record(new IncomingPayment("opening/" + party, amount, AccountId: _ids[party]));
        }
    }

    public BillingService Billing => _fixture.Billing;

    /// <summary>The agency and its clients: the accounts transfers and returns move money between.</summary>
    public IReadOnlyList<int> AgencyGroup => [_ids[Party.Agency], _ids[Party.ClientA], _ids[Party.ClientB]];

    public int Id(Party party) => _ids[party];

    public void Run(Script script, Action<ScriptStep> check)
    {
        for (var i = 0; i < script.Operations.Count; i++)
        {
            var op = script.Operations[i];
            var before = Snapshot();
            var step = op switch
            {
                Replay replay when _keyed.Count > 0 => RunReplay(i, replay, before),
                Replay => new ScriptStep(i, op, op, IsReplay: true, ReplayOfSuccess: false, Succeeded: false, before, before),
                _ => RunOriginal(i, op, before),
            };
            check(step);
        }
    }

    public WorldState Snapshot() => _fixture.Store.Read(() => new WorldState(
        _fixture.Store.Accounts.FindAll().OrderBy(a => a.Id).ToList(),
        _fixture.Store.Entries.FindAll().OrderBy(e => e.Position).ToList(),
        _fixture.Store.Outbox.Count(),
        _fixture.Store.Promises.FindAll().OrderBy(p => p.Id).ToList(),
        _fixture.Store.Rules.FindAll().OrderBy(r => r.Id).ToList()));

    /// <summary>Σ of an account's entries read apart from its cached balance.</summary>
    public decimal SumOfEntries(int accountId) => _fixture.SumOfEntries(accountId);

    public void Dispose() => _fixture.Dispose();

    private ScriptStep RunReplay(int index, Replay replay, WorldState before)
    {
        var target = _keyed.Count - 1 - ((replay.Back - 1) % _keyed.Count);
        var (op, call, succeeded) = _keyed[target];
        var ok = Try(call);
        _keyed[target] = (op, call, succeeded || ok);
        return new ScriptStep(index, replay, op, IsReplay: true, ReplayOfSuccess: succeeded, ok, before, Snapshot()) { Refusal = _refusal };
    }

    private ScriptStep RunOriginal(int index, Operation op, WorldState before)
    {
        var call = Prepare(op);
        var ok = Try(call);
        if (op is not RepayPromises)
        {
            _keyed.Add((op, call, ok));
        }

        if (op is Accrue)
        {
            // The daily review belongs to the nightly run; it moves statuses and raises events, never money.
            Billing.Promises.Review();
        }

        return new ScriptStep(index, op, op, IsReplay: false, ReplayOfSuccess: false, ok, before, Snapshot()) { Refusal = _refusal };
    }

    /// <summary>Resolves an operation into the call it makes; moving the clock happens here, once, not in the call.</summary>
    private Action Prepare(Operation op)
    {
        switch (op)
        {
            case Pay p:
                return () => Billing.Invoices.Record(new IncomingPayment(p.Key, p.Amount, AccountId: Id(p.To)));
            case Charge c:
                var day = _fixture.Time.Today("UTC");
                return () => Billing.Charges.Post(Id(c.Account), day, c.Amount, key: "charge/" + c.Key);
            case Transfer t:
                return () => Billing.Agency.Transfer(Id(t.From), Id(t.To), t.Amount, t.Key);
            case TakePromise t:
                return () => Billing.Promises.Take(Id(t.Account), t.Amount, t.Key);
            case RepayPromises r:
                return () => Billing.Promises.Repay(Id(r.Account));
            case PayInvoice p:
                return () =>
                {
                    var invoice = Billing.Invoices.Issue(Id(p.Account), p.Amount, p.Key);
                    Billing.Invoices.Record(new IncomingPayment("invoice/" + p.Key, p.Amount + p.Extra, InvoiceNumber: invoice.Number));
                };
            case Accrue a:
                _fixture.Time.Advance(TimeSpan.FromDays(a.Days) + TimeSpan.FromHours(a.Hours));
                var through = _fixture.Time.Today("UTC").AddDays(-a.Lag);
                return () => Billing.Charges.Accrue(through);
            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "not an operation of its own");
        }
    }

    private bool Try(Action call)
    {
        try
        {
            _refusal = null;
            call();
            return true;
        }
        catch (BillingException e)
        {
            _refusal = e.Error;
            return false;
        }
    }
}

/// <summary>One operation as run: what was asked, what ran (the original for a replay), and the state around it.</summary>
public sealed record ScriptStep(int Index, Operation Op, Operation Effective, bool IsReplay, bool ReplayOfSuccess, bool Succeeded, WorldState Before, WorldState After)
{
    /// <summary>Why the rules refused it, when they did.</summary>
    public BillingError? Refusal { get; init; }

    /// <summary>The entries this step wrote, in order.</summary>
    public IReadOnlyList<LedgerEntry> NewEntries => After.Entries.Where(e => e.Seq > (Before.Find(e.AccountId)?.LastSeq ?? 0)).ToList();

    public override string ToString() => $"step {Index}: {Op}{(IsReplay ? $" (replays {Effective})" : "")}, {(Succeeded ? "done" : $"refused: {Refusal}")}";
}

/// <summary>Everything an operation may change, read in one transaction.</summary>
public sealed record WorldState(IReadOnlyList<Account> Accounts, IReadOnlyList<LedgerEntry> Entries, int Events, IReadOnlyList<PromisedPayment> Promises, IReadOnlyList<AutoTopUpRule> Rules)
{
    public Account? Find(int id) => Accounts.FirstOrDefault(a => a.Id == id);

    public decimal Balance(int id) => Find(id)!.Balance;

    /// <summary>A readable rendering, so two states compare with a useful diff.</summary>
    public string Render()
    {
        var lines = Accounts.Select(a => string.Create(
            CultureInfo.InvariantCulture,
            $"account {a.Id}: balance {a.Balance}, seq {a.LastSeq}, paid {a.HasPaid}, low {a.IsLow}, accrued {a.AccruedThrough}, recent [{string.Join(' ', a.RecentCharges.Select(c => $"{c.Date}={c.Amount}"))}]"))
            .Append($"entries {Entries.Count}, events {Events}")
            .Concat(Promises.Select(p => p.ToString()))
            .Concat(Rules.Select(r => r.ToString()));
        return string.Join(Environment.NewLine, lines);
    }
}
