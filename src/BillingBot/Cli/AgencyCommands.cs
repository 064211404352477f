using System.CommandLine;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Ledger;

namespace BillingBot.Cli;

/// <summary><c>transfer</c> between an agency and its client, and <c>autotopup set|show|on|off</c>.</summary>
internal static class AgencyCommands
{
    /// <summary>A transfer's outgoing entry and both balances after it.</summary>
    public sealed record TransferReport(LedgerEntry Entry, decimal FromBalance, decimal ToBalance);

    public static Command Transfer(OperatorContext c)
    {
        var from = Inputs.IdOption(c, "--from", "cli.help.from");
        var to = Inputs.IdOption(c, "--to", "cli.help.to");
        var amount = Inputs.Amount(c, "--amount", "cli.help.amount");
        var key = Inputs.Key(c);
        var command = new Command("transfer", c.T("cli.help.transfer")) { from, to, amount, key };
        c.Handle(command, parse =>
        {
            var entry = c.Billing.Agency.Transfer(parse.GetValue(from), parse.GetValue(to), parse.GetValue(amount), Inputs.KeyOf(parse, key));
            var (source, target) = (c.Billing.Accounts.Get(parse.GetValue(from)), c.Billing.Accounts.Get(parse.GetValue(to)));
            c.Print(new TransferReport(entry, source.Balance, target.Balance), r => c.T(
                "cli.transfer.done",
                ("amount", Formats.Money(-r.Entry.Amount, source.Currency)),
                ("from", source.Id),
                ("to", target.Id),
                ("fromBalance", Formats.Money(r.FromBalance, source.Currency)),
                ("toBalance", Formats.Money(r.ToBalance, target.Currency))));
        });
        return command;
    }

    public static Command AutoTopUp(OperatorContext c) =>
        new("autotopup", c.T("cli.help.autotopup")) { Set(c), Show(c), Switch(c, "on", enabled: true), Switch(c, "off", enabled: false) };

    private static Command Set(OperatorContext c)
    {
        var client = Inputs.Id(c, "client", "cli.help.client");
        var amount = Inputs.Amount(c, "--amount", "cli.help.topUpAmount");
        var threshold = Inputs.Amount(c, "--threshold", "cli.help.threshold");
        var limit = Inputs.Amount(c, "--limit", "cli.help.limit");
        var period = Inputs.Choice<LimitPeriod>(c, "--period", "cli.help.period");
        var command = new Command("set", c.T("cli.help.autotopup.set")) { client, amount, threshold, limit, period };
        c.Handle(command, parse =>
        {
            var rule = c.Billing.Agency.SetRule(parse.GetValue(client), parse.GetValue(amount), parse.GetValue(threshold), parse.GetValue(limit), parse.GetValue(period));
            c.Print(rule, r => Describe(c, r));
        });
        return command;
    }

    /// <summary>A client's rule as it stands, with what it has moved in its period so far.</summary>
    private static Command Show(OperatorContext c)
    {
        var client = Inputs.Id(c, "client", "cli.help.client");
        var command = new Command("show", c.T("cli.help.autotopup.show")) { client };
        c.Handle(command, parse =>
        {
            var account = c.Billing.Accounts.Get(parse.GetValue(client));
            c.Print(c.Billing.Agency.Rule(account.Id), r => r is null
                ? c.T("cli.autotopup.none", ("client", account.Id))
                : Describe(c, r) + " " + c.T("cli.autotopup.used", ("used", Formats.Money(r.UsedInPeriod, account.Currency)), ("limit", Formats.Money(r.Limit, account.Currency)), ("start", Formats.Day(r.PeriodStart))));
        });
        return command;
    }

    private static Command Switch(OperatorContext c, string name, bool enabled)
    {
        var client = Inputs.Id(c, "client", "cli.help.client");
        var command = new Command(name, c.T("cli.help.autotopup." + name)) { client };
        c.Handle(command, parse => c.Print(c.Billing.Agency.SetEnabled(parse.GetValue(client), enabled), r => Describe(c, r)));
        return command;
    }

    private static string Describe(OperatorContext c, AutoTopUpRule r)
    {
        var currency = c.Billing.Accounts.Get(r.Id).Currency;
        return c.T(
            r.Enabled ? "cli.autotopup.on" : "cli.autotopup.off",
            ("client", r.Id),
            ("agency", r.AgencyId),
            ("amount", Formats.Money(r.Amount, currency)),
            ("threshold", Formats.Money(r.Threshold, currency)),
            ("limit", Formats.Money(r.Limit, currency)),
            ("period", r.Period));
    }
}
