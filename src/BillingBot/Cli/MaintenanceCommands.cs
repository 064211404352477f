using System.CommandLine;
using BillingBot.Admin;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Notifications;
using Microsoft.Extensions.Options;

namespace BillingBot.Cli;

/// <summary><c>invite</c>, <c>outbox stats</c> and <c>backup</c>.</summary>
internal static class MaintenanceCommands
{
    /// <summary>An invitation code, shown this once: only its hash is stored.</summary>
    public sealed record InvitationReport(int AccountId, Role Role, string Code, DateTimeOffset ExpiresAt);

    /// <summary>Where the consistent copy of the database went.</summary>
    public sealed record BackupReport(string Database, string Backup);

    /// <summary>Fresh owners' codes for the accounts no one owns, written to a file as an import's are.</summary>
    public sealed record MissingOwnersReport(int Accounts, string CodesFile);

    public static Command Invite(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        id.Arity = ArgumentArity.ZeroOrOne;
        var role = Inputs.Choice<Role>(c, "--role", "cli.help.role");
        role.Required = false;
        var missing = new Option<bool>("--missing-owners") { Description = c.T("cli.help.missingOwners") };
        var codesOut = c.OutputFile(new Option<string?>("--codes-out") { HelpName = "file", Description = c.T("cli.help.codesOut") });
        var command = new Command("invite", c.T("cli.help.invite")) { id, role, missing, codesOut };
        command.Validators.Add(result =>
        {
            var many = result.GetValue(missing);
            if (many ? result.GetResult(id) is not null || result.GetValue(codesOut) is null : result.GetResult(id) is null || result.GetResult(role) is null)
            {
                result.AddError(c.T("cli.error.inviteUsage"));
            }
        });
        c.Handle(command, parse =>
        {
            if (parse.GetValue(missing))
            {
                var path = c.Files.Resolve(parse.GetValue(codesOut)!);
                if (c.Files.Exists(path))
                {
                    throw new OperatorException(c.T("cli.error.fileExists", ("path", path)));
                }

                var codes = c.Billing.Store.WriteTogether<List<AccountImport.OwnerCode>>(() =>
                {
                    var accounts = c.Billing.Members.AccountsWithoutOwner();
                    var made = c.Billing.Members.InviteOwners(accounts);
                    return [.. accounts.Zip(made, (account, code) => new AccountImport.OwnerCode(c.Billing.Accounts.Get(account).ExternalId, account, code))];
                });
                AccountImport.WriteCodes(c, path, codes);
                c.Print(new MissingOwnersReport(codes.Count, path), r => c.T("cli.import.codes", ("path", r.CodesFile), ("count", r.Accounts)));
                return;
            }

            var code = c.Billing.Members.Invite(parse.GetValue(id), parse.GetValue(role));
            // The service does not return the expiry; it starts from about now.
            var expires = c.Time.GetUtcNow() + c.Settings.Accounts.InvitationLifetime;
            c.Print(new InvitationReport(parse.GetValue(id), parse.GetValue(role), code, expires), r => c.T(
                "cli.invite.code", ("id", r.AccountId), ("role", r.Role), ("expires", Formats.Instant(r.ExpiresAt)), ("code", r.Code)));
        });
        return command;
    }

    /// <summary>
    /// <c>check</c>: reads every document and checks every account's balance against its entries; exits 1 and says what
    /// is wrong if anything is.
    /// </summary>
    public static Command Check(OperatorContext c)
    {
        var command = new Command("check", c.T("cli.help.check"));
        c.Handle(command, _ =>
        {
            var report = LedgerCheck.Run(c.Billing.Store);
            c.Print(report, r => string.Join(
                Environment.NewLine,
                [
                    c.T(r.Sound ? "cli.check.sound" : "cli.check.problems", ("accounts", r.Accounts), ("documents", r.Documents)),
                    .. r.Mismatches.Select(m => c.T("cli.check.mismatch", ("id", m.AccountId), ("balance", m.Balance), ("sum", m.SumOfEntries))),
                    .. r.Unreadable.Select(u => c.T("cli.check.unreadable", ("collection", u.Collection), ("reason", Localization.Localizer.Cut(u.Reason)))),
                ]));
            return report.Sound ? OperatorCommandLine.Ok : OperatorCommandLine.Failed;
        });
        return command;
    }

    /// <summary>Notifications by state, and the chats that cannot be reached.</summary>
    public sealed record OutboxReport(IReadOnlyDictionary<MessageStatus, int> Messages, int UnreachableChats);

    public static Command Outbox(OperatorContext c)
    {
        var stats = new Command("stats", c.T("cli.help.outbox.stats"));
        c.Handle(stats, _ =>
        {
            var (byStatus, chats) = new Notifier(c.Billing, c.Localizer, c.Time, Options.Create(new NotificationOptions())).Stats();
            c.Print(new OutboxReport(byStatus, chats), r => c.T(
                "cli.outbox.stats",
                ("pending", r.Messages[MessageStatus.Pending]),
                ("sending", r.Messages[MessageStatus.Sending]),
                ("sent", r.Messages[MessageStatus.Sent]),
                ("failed", r.Messages[MessageStatus.Failed]),
                ("unreachable", r.Messages[MessageStatus.Unreachable]),
                ("uncertain", r.Messages[MessageStatus.Uncertain]),
                ("dropped", r.Messages[MessageStatus.Dropped]),
                ("chats", r.UnreachableChats)));
        });
        return new Command("outbox", c.T("cli.help.outbox")) { stats };
    }

    /// <summary>Where the new operator API token was written.</summary>
    public sealed record TokenReport(string Path);

    /// <summary><c>token rotate</c>: a new kept token; the old one is refused from then on, by a running bot too.</summary>
    public static Command Token(OperatorContext c)
    {
        var rotate = new Command("rotate", c.T("cli.help.token.rotate"));
        c.Handle(rotate, _ =>
        {
            if (!string.IsNullOrEmpty(c.Configuration[$"{AdminOptions.Section}:{nameof(AdminOptions.Token)}"]))
            {
                throw new OperatorException(c.T("cli.error.tokenConfigured"));
            }

            AdminToken.Rotate(c.Billing.Store.Path);
            c.Print(new TokenReport(AdminToken.PathOf(c.Billing.Store.Path)), r => c.T("cli.token.rotated", ("path", r.Path)));
        });
        return new Command("token", c.T("cli.help.token")) { rotate };
    }

    public static Command Backup(OperatorContext c)
    {
        var path = c.OutputFile(new Argument<string>("path") { Description = c.T("cli.help.backupPath") });
        var command = new Command("backup", c.T("cli.help.backup")) { path };
        c.Handle(command, parse =>
        {
            var target = c.Files.Resolve(parse.GetRequiredValue(path));
            var store = c.Billing.Store;
            if (string.Equals(target, store.Path, StringComparison.Ordinal))
            {
                throw new OperatorException(c.T("cli.error.backupSelf", ("path", target)));
            }

            // An earlier backup is replaced; any other file is not.
            if (c.Files.IsOtherFile(target))
            {
                throw new NotADatabaseException(target);
            }

            c.Files.Backup(store, target);
            c.Print(new BackupReport(store.Path, target), r => c.T("cli.backup.done", ("path", r.Backup), ("database", r.Database)));
        });
        return command;
    }
}
