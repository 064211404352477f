using System.CommandLine;
using BillingBot.Billing.Members;

namespace BillingBot.Cli;

/// <summary><c>members list|remove|grant|revoke</c>: who may see and act on an account, and which managers may move its money.</summary>
internal static class MemberCommands
{
    public static Command Members(OperatorContext c) =>
        new("members", c.T("cli.help.members")) { List(c), Remove(c), Right(c, "grant", granted: true), Right(c, "revoke", granted: false) };

    private static Command List(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var command = new Command("list", c.T("cli.help.members.list")) { id };
        c.Handle(command, parse =>
        {
            var accountId = parse.GetValue(id);
            // An account that does not exist is refused as such, not listed as having nobody.
            _ = c.Billing.Accounts.Get(accountId);
            c.Print(c.Billing.Members.MembersOf(accountId), members => members.Count == 0
                ? c.T("cli.members.none", ("id", accountId))
                : string.Join(Environment.NewLine, members.Select(m => Line(c, m))));
        });
        return command;
    }

    private static Command Remove(OperatorContext c)
    {
        var (id, user) = (Inputs.Id(c, "id", "cli.help.accountId"), Inputs.User(c));
        var command = new Command("remove", c.T("cli.help.members.remove")) { id, user };
        c.Handle(command, parse => c.Print(c.Billing.Members.Remove(parse.GetValue(id), parse.GetValue(user)), m => c.T("cli.members.removed", ("user", m.UserId), ("role", m.Role), ("id", m.AccountId))));
        return command;
    }

    private static Command Right(OperatorContext c, string name, bool granted)
    {
        var (id, user) = (Inputs.Id(c, "id", "cli.help.accountId"), Inputs.User(c));
        var command = new Command(name, c.T("cli.help.members." + name)) { id, user };
        c.Handle(command, parse => c.Print(c.Billing.Members.SetMoneyRight(parse.GetValue(id), parse.GetValue(user), granted), m => c.T(granted ? "cli.members.granted" : "cli.members.revoked", ("user", m.UserId), ("id", m.AccountId))));
        return command;
    }

    private static string Line(OperatorContext c, Membership m) => c.T(
        "cli.members.row",
        ("user", m.UserId),
        ("role", m.Role),
        ("money", c.T(m.MovesMoney ? "cli.members.movesMoney" : "cli.members.noMoney")),
        ("name", m.Name ?? "—"),
        ("joined", Formats.Instant(m.JoinedAt)));
}
