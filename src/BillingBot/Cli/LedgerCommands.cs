using System.CommandLine;
using BillingBot.Billing.Accounts;
using BillingBot.Localization;

namespace BillingBot.Cli;

/// <summary><c>charges post</c>, <c>accrue</c> and <c>history</c>: what moves through an account's ledger.</summary>
internal static class LedgerCommands
{
    /// <summary>What <c>accrue</c> did, with the last day it charged.</summary>
    public sealed record AccrualReport(DateOnly? Through, int Accounts, int Charges);

    public static Command Charges(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var date = Inputs.Day(c, "--date", "cli.help.date");
        date.Required = true;
        var amount = Inputs.Amount(c, "--amount", "cli.help.amount");
        var description = new Option<string?>("--description") { HelpName = "text", Description = c.T("cli.help.description") };
        var key = new Option<string?>("--key") { HelpName = "key", Description = c.T("cli.help.chargeKey") };
        var post = new Command("post", c.T("cli.help.charges.post")) { id, date, amount, description, key };
        c.Handle(post, parse =>
        {
            var accountId = parse.GetValue(id);
            var posted = c.Billing.Charges.PostCharge(accountId, parse.GetValue(date), parse.GetValue(amount), parse.GetValue(description), parse.GetValue(key));
            var currency = c.Billing.Accounts.Get(accountId).Currency;
            // A key used before changed nothing, and says so; the balance is the account's now, after any auto top-up.
            c.Print(posted.Entry, e => c.T(
                posted.AlreadyRecorded ? "cli.charge.alreadyPosted" : "cli.charge.posted",
                ("id", e.AccountId),
                ("amount", Formats.Money(-e.Amount, currency)),
                ("date", Formats.Day(e.ChargeDate!.Value)),
                ("key", Localizer.Cut(parse.GetValue(key) ?? "")),
                ("balance", Formats.Money(posted.Balance, currency))));
        });
        return new Command("charges", c.T("cli.help.charges")) { post };
    }

    public static Command Accrue(OperatorContext c)
    {
        var through = Inputs.Day(c, "--through", "cli.help.through");
        var command = new Command("accrue", c.T("cli.help.accrue")) { through };
        c.Handle(command, parse =>
        {
            // Without a date, every account through the last day that has ended in its own time zone.
            DateOnly? day = parse.GetResult(through) is null ? null : parse.GetValue(through);
            var result = c.Billing.Charges.Accrue(day);
            c.Print(new AccrualReport(day, result.AccountsChecked, result.Charges), r => r.Through is { } last
                ? c.T("cli.accrue.done", ("through", Formats.Day(last)), ("charges", c.Counted("cli.count.charges", r.Charges)), ("accounts", c.Counted("cli.count.accounts", r.Accounts)))
                : c.T("cli.accrue.doneEach", ("charges", c.Counted("cli.count.charges", r.Charges)), ("accounts", c.Counted("cli.count.accounts", r.Accounts))));
        });
        return command;
    }

    public static Command History(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var page = Inputs.Page(c);
        var command = new Command("history", c.T("cli.help.history")) { id, page };
        c.Handle(command, parse =>
        {
            var account = c.Billing.Accounts.Get(parse.GetValue(id));
            c.Print(c.Billing.Accounts.History(account.Id, parse.GetValue(page)), p => Describe(c, account, p));
        });
        return command;
    }

    private static string Describe(OperatorContext c, Account account, HistoryPage page)
    {
        var lines = new List<string> { c.T("cli.history.title", ("id", account.Id), ("name", account.Name), ("page", page.Page)) };
        lines.AddRange(page.Entries.Select(e => c.T(
            "cli.history.row",
            ("time", Formats.Instant(e.Time)),
            ("amount", (e.Amount > 0 ? "+" : "") + Formats.Money(e.Amount, account.Currency)),
            ("description", EntryText.Of(e, (key, args) => c.T(key, args), Formats.Day, id => c.Billing.Accounts.Find(id)?.Name)),
            ("balance", Formats.Money(e.BalanceAfter, account.Currency)))));
        if (page.Entries.Count == 0)
        {
            lines.Add(c.T("cli.history.none"));
        }

        if (page.HasMore)
        {
            lines.Add(c.T("cli.history.more", ("id", account.Id), ("next", page.Page + 1)));
        }

        return string.Join(Environment.NewLine, lines);
    }
}
