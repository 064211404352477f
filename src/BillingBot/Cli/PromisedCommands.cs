using System.CommandLine;
using BillingBot.Billing.PromisedPayments;

namespace BillingBot.Cli;

/// <summary><c>promised take|repay</c>.</summary>
internal static class PromisedCommands
{
    /// <summary>The promises repaid and the account's balance after.</summary>
    public sealed record RepayReport(int AccountId, decimal Balance, IReadOnlyList<PromisedPayment> Promises);

    public static Command Promised(OperatorContext c) =>
        new("promised", c.T("cli.help.promised")) { Take(c), Repay(c) };

    private static Command Take(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var amount = Inputs.Amount(c, "--amount", "cli.help.amount");
        var key = Inputs.Key(c);
        var command = new Command("take", c.T("cli.help.promised.take")) { id, amount, key };
        c.Handle(command, parse =>
        {
            var promise = c.Billing.Promises.Take(parse.GetValue(id), parse.GetValue(amount), Inputs.KeyOf(parse, key));
            var currency = c.Billing.Accounts.Get(promise.AccountId).Currency;
            c.Print(promise, p => c.T("cli.promised.taken", ("promise", p.Id), ("amount", Formats.Money(p.Amount, currency)), ("id", p.AccountId), ("due", Formats.Day(p.DueOn))));
        });
        return command;
    }

    private static Command Repay(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var command = new Command("repay", c.T("cli.help.promised.repay")) { id };
        c.Handle(command, parse =>
        {
            var accountId = parse.GetValue(id);
            var promises = c.Billing.Promises.Repay(accountId);
            var account = c.Billing.Accounts.Get(accountId);
            c.Print(new RepayReport(accountId, account.Balance, promises), r => c.T("cli.promised.repaid", ("count", c.Counted("cli.count.promises", r.Promises.Count)), ("id", r.AccountId), ("balance", Formats.Money(r.Balance, account.Currency))));
        });
        return command;
    }
}
