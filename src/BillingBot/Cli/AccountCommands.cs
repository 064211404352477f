using System.CommandLine;
using System.Text;
using BillingBot.Billing.Accounts;

namespace BillingBot.Cli;

/// <summary><c>accounts create|import|list|show</c> and <c>tariff set</c>.</summary>
internal static class AccountCommands
{
    public static Command Accounts(OperatorContext c) =>
        new("accounts", c.T("cli.help.accounts")) { Create(c), AccountImport.Command(c), List(c), Show(c), Set(c) };

    /// <summary><c>accounts set ID</c>: the name, the time zone, and the low-balance alert's days and money threshold.</summary>
    private static Command Set(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var name = new Option<string?>("--name") { Description = c.T("cli.help.name") };
        var zone = new Option<string?>("--time-zone") { HelpName = "zone", Description = c.T("cli.help.timeZone") };
        var days = new Option<int?>("--low-balance-days") { HelpName = "days", Description = c.T("cli.help.lowBalanceDays") };
        var money = new Option<string?>("--low-balance-money") { HelpName = "amount|off", Description = c.T("cli.help.lowBalanceMoney") };
        var command = new Command("set", c.T("cli.help.accounts.set")) { id, name, zone, days, money };
        c.Handle(command, parse =>
        {
            var typed = parse.GetValue(money);
            decimal? threshold = typed is null or "off" ? null
                : Input.AmountParser.TryParse(typed, out var amount) ? amount
                : throw new OperatorException(c.T("cli.error.amount", ("value", typed)));
            var change = new AccountChange(parse.GetValue(name), parse.GetValue(zone), parse.GetValue(days), threshold, ClearLowBalanceMoney: typed == "off");
            if (change == new AccountChange())
            {
                throw new OperatorException(c.T("cli.error.setNothing"));
            }

            c.Print(c.Billing.Accounts.Change(parse.GetValue(id), change), a => c.T(
                "cli.accounts.set",
                ("id", a.Id),
                ("name", a.Name),
                ("zone", a.TimeZone),
                ("days", a.LowBalanceDays),
                ("money", a.LowBalanceMoney is { } m ? Formats.Money(m, a.Currency) : c.T("cli.accounts.moneyOff"))));
        });
        return command;
    }

    public static Command Tariff(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var tariff = Inputs.AmountArgument(c, "tariff", "cli.help.tariffValue");
        var set = new Command("set", c.T("cli.help.tariff.set")) { id, tariff };
        c.Handle(set, parse =>
        {
            var account = c.Billing.Accounts.SetTariff(parse.GetValue(id), parse.GetValue(tariff));
            c.Print(account, a => c.T("cli.tariff.set", ("id", a.Id), ("tariff", Formats.Money(a.DailyTariff, a.Currency))));
        });
        return new Command("tariff", c.T("cli.help.tariff")) { set };
    }

    /// <summary>One line about an account, as <c>accounts list</c> prints it.</summary>
    public static string Line(OperatorContext c, Account a) =>
        c.T("cli.accounts.row", ("id", a.Id), ("name", a.Name), ("kind", a.Kind), ("balance", Formats.Money(a.Balance, a.Currency)), ("tariff", Formats.Money(a.DailyTariff, a.Currency)))
        + (a.AgencyId is { } agency ? c.T("cli.accounts.rowAgency", ("agency", agency)) : "");

    private static Command Create(OperatorContext c)
    {
        var name = new Option<string>("--name") { Required = true, Description = c.T("cli.help.name") };
        var currency = new Option<string>("--currency") { Required = true, HelpName = "code", Description = c.T("cli.help.currency") };
        var tariff = Inputs.Amount(c, "--tariff", "cli.help.tariffValue");
        var agency = Inputs.OptionalId(c, "--agency", "cli.help.agency");
        var zone = new Option<string?>("--time-zone") { HelpName = "zone", Description = c.T("cli.help.timeZone") };
        var kind = Inputs.Choice<AccountKind>(c, "--kind", "cli.help.kind", AccountKind.Customer);
        var command = new Command("create", c.T("cli.help.accounts.create")) { name, currency, tariff, agency, zone, kind };
        c.Handle(command, parse =>
        {
            var request = new NewAccount(parse.GetRequiredValue(name), parse.GetRequiredValue(currency), parse.GetValue(tariff), parse.GetValue(kind), parse.GetValue(agency), parse.GetValue(zone));
            c.Print(c.Billing.Accounts.Create(request), a => c.T("cli.accounts.created") + " " + Line(c, a));
        });
        return command;
    }

    private static Command List(OperatorContext c)
    {
        var command = new Command("list", c.T("cli.help.accounts.list"));
        // Printed as read, a page at a time: a store of many accounts is never held whole, by the command or a bot running it.
        c.Handle(command, _ => c.Print(c.Billing.Accounts.All(), accounts =>
            accounts.Any() ? string.Join(Environment.NewLine, accounts.Select(a => Line(c, a))) : c.T("cli.accounts.none")));
        return command;
    }

    private static Command Show(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var command = new Command("show", c.T("cli.help.accounts.show")) { id };
        c.Handle(command, parse => c.Print(c.Billing.Accounts.Summary(parse.GetValue(id)), summary => Describe(c, summary)));
        return command;
    }

    private static string Describe(OperatorContext c, AccountSummary summary)
    {
        var (a, f) = (summary.Account, summary.Forecast);
        string Money(decimal amount) => Formats.Money(amount, a.Currency);
        var text = new StringBuilder()
            .AppendLine(c.T("cli.show.title", ("id", a.Id), ("name", a.Name), ("kind", a.Kind), ("currency", a.Currency)));
        if (a.AgencyId is { } agency)
        {
            text.AppendLine(c.T("cli.show.agency", ("agency", agency)));
        }

        if (a.ExternalId is { } external)
        {
            text.AppendLine(c.T("cli.show.externalId", ("externalId", external)));
        }

        text.AppendLine(c.T("cli.show.balance", ("balance", Money(a.Balance))))
            .AppendLine(c.T("cli.show.tariff", ("tariff", Money(a.DailyTariff))))
            .AppendLine(f is { DaysLeft: { } days, RunsOutOn: { } until }
                ? c.T(f.FromTariff ? "cli.show.forecastTariff" : "cli.show.forecast", ("days", days), ("date", Formats.Day(until)), ("daily", Money(f.DailyCharge)))
                : c.T("cli.show.forecastNone"))
            .Append(c.T("cli.show.recommended", ("tenDays", Money(f.TenDays)), ("thirtyDays", Money(f.ThirtyDays))));
        return text.ToString();
    }
}
