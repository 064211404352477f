using System.CommandLine;
using System.CommandLine.Invocation;
using BillingBot.Admin;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Hosting;
using BillingBot.Localization;
using LiteDB;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BillingBot.Cli;

/// <summary>The operator command line: parses, runs one command against the store, prints text or JSON, and exits with a code.</summary>
internal static class OperatorCommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    /// <summary>
    /// Whether <paramref name="args"/> are an operator command rather than the bot's configuration
    /// (<c>--Storage:Path=x</c>, <c>--Storage:Path x</c>, <c>Storage:Path=x</c>), which starts the bot.
    /// </summary>
    public static bool Handles(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var key = args[i].TrimStart('-', '/');
            if (key.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            if (args[i].StartsWith("--", StringComparison.Ordinal) && key.Contains(':', StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// Runs one command; any refusal or bad input is one line on <paramref name="error"/>, never a stack trace. When a bot
    /// owns the database, the bot runs it (through its operator API) and this prints what it answered.
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, TimeProvider? time = null)
    {
        using var context = new OperatorContext(output, Localizer.Load(), time);
        return Run(context, args, error, forward: true);
    }

    /// <summary>Runs one command an operator sent to the running bot, on the bot's own services and with the operator's files.</summary>
    public static int RunInBot(string[] args, TextWriter output, TextWriter error, IServiceProvider bot, OperatorFiles files)
    {
        using var context = new OperatorContext(output, bot.GetRequiredService<Localizer>(), bot.GetRequiredService<TimeProvider>(), bot, files);
        return Run(context, args, error, forward: false);
    }

    private static int Run(OperatorContext context, string[] args, TextWriter error, bool forward)
    {
        // No response files: a key or a note beginning with '@' is a value, not the name of a file to read arguments from.
        var parse = Commands(context).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var json = parse.GetValue(context.Json);
        if (parse.Action is ParseErrorAction)
        {
            // One line: a word the parser did not recognize says more than what it then found missing.
            var first = parse.Errors.FirstOrDefault(e => parse.UnmatchedTokens.Any(t => e.Message.Contains(t, StringComparison.Ordinal))) ?? parse.Errors[0];
            return Refuse(error, json, new("InvalidArguments", StatusCodes.Status400BadRequest, [context.T("cli.error.parse", ("reason", first.Message))], BadInput));
        }

        // A file the command writes goes into a folder that exists: a mistyped folder is refused, not made.
        if (forward && RemoteCommand.PathsOf(new LocalFiles(), parse, context.OutputFiles).Select(Path.GetDirectoryName).FirstOrDefault(f => f is not null && !Directory.Exists(f) && !File.Exists(f)) is { } missing)
        {
            return Refuse(error, json, new(InvalidInput, StatusCodes.Status400BadRequest, [context.T("cli.error.noFolder", ("path", missing))], BadInput));
        }

        try
        {
            if (forward && parse.Action is { } action && action == parse.CommandResult.Command.Action
                && context.DatabasePath(parse) is var database && BotEndpoint.Find(database) is { } bot)
            {
                return RemoteCommand.Run(bot, database, context, parse, args, error);
            }

            // Sent to the bot, a command runs on the bot's own database only: one naming another is refused, not redirected.
            if (!forward && parse.GetValue(context.Db) is { } named && context.Files.Resolve(named) is var path && path != context.Billing.Store.Path)
            {
                return Refuse(error, json, new(InvalidInput, StatusCodes.Status400BadRequest, [context.T("cli.error.otherDatabase", ("path", path), ("database", context.Billing.Store.Path))], BadInput));
            }

            return parse.Invoke(new InvocationConfiguration { Output = context.Output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (RefusalOf(context, e) is { } refusal)
        {
            return Refuse(error, json, refusal);
        }
    }

    private const string InvalidInput = "InvalidInput";

    /// <summary>Why a command was refused: its code and HTTP status as the operator API names them, its lines, and the exit code.</summary>
    private sealed record Refusal(string Code, int Status, IReadOnlyList<string> Lines, int ExitCode);

    /// <summary>What a command says of <paramref name="e"/>; null for what is a bug, which is not dressed as a refusal.</summary>
    private static Refusal? RefusalOf(OperatorContext context, Exception e) => e switch
    {
        BillingException refused => new(refused.Error.ToString(), OperatorResources.StatusOf(refused.Error), [context.Localizer.Error(OperatorContext.Culture, refused)], BadInput),
        OperatorException bad => new(InvalidInput, StatusCodes.Status400BadRequest, bad.Lines, BadInput),
        StoreUnavailableException unavailable => new(OperatorResources.Unavailable, StatusCodes.Status503ServiceUnavailable, [context.Localizer.Unavailable(OperatorContext.Culture, unavailable)], Failed),
        StoreInUseException inUse => new("StoreInUse", StatusCodes.Status409Conflict, [context.T("cli.error.inUse", ("path", inUse.Path))], Failed),
        NotADatabaseException other => new("NotADatabase", StatusCodes.Status400BadRequest, [context.T("cli.error.notADatabase", ("path", other.Path))], BadInput),
        DamagedStoreException damaged => new("StoreDamaged", StatusCodes.Status500InternalServerError, [context.T("cli.error.storeDamaged", ("path", damaged.Path), ("damage", context.Localizer.Damage(OperatorContext.Culture, damaged)))], Failed),
        _ when ConfigurationErrors.Describe(e) is { } reason => new("ConfigurationError", StatusCodes.Status500InternalServerError, [context.T("configuration.error", ("reason", reason))], ConfigurationErrors.ExitCode),
        IOException or UnauthorizedAccessException or LiteException => new("Failed", StatusCodes.Status500InternalServerError, [context.T("cli.error.failed", ("reason", e.Message))], Failed),
        _ => null,
    };

    /// <summary>
    /// Says <paramref name="refusal"/> on <paramref name="error"/>: each line as a line of its own, or with <c>--json</c>
    /// the problem the operator API answers with, so a program reads the same code either way.
    /// </summary>
    private static int Refuse(TextWriter error, bool json, Refusal refusal)
    {
        if (json)
        {
            var detail = string.Join(Environment.NewLine, refusal.Lines);
            error.WriteLine(System.Text.Json.JsonSerializer.Serialize(new CommandProblem(OperatorResources.TypeOf(refusal.Code), refusal.Code, refusal.Status, detail, refusal.Code), Formats.Json));
            return refusal.ExitCode;
        }

        foreach (var line in refusal.Lines)
        {
            // Each line is one line, whatever it quotes.
            error.WriteLine(ConfigurationErrors.Line(line));
        }

        return refusal.ExitCode;
    }

    private static RootCommand Commands(OperatorContext c)
    {
        var root = new RootCommand(c.T("cli.help.root"))
        {
            c.Db,
            c.Json,
            AccountCommands.Accounts(c),
            AccountCommands.Tariff(c),
            LedgerCommands.Charges(c),
            LedgerCommands.Accrue(c),
            InvoiceCommands.Invoices(c),
            InvoiceCommands.Payments(c),
            LedgerCommands.History(c),
            PromisedCommands.Promised(c),
            AgencyCommands.Transfer(c),
            AgencyCommands.AutoTopUp(c),
            MaintenanceCommands.Invite(c),
            MemberCommands.Members(c),
            MaintenanceCommands.Outbox(c),
            MaintenanceCommands.Backup(c),
            MaintenanceCommands.Check(c),
            MaintenanceCommands.Token(c),
            StatementCommands.Statement(c),
        };
        return root;
    }
}

/// <summary>A refusal as <c>--json</c> prints it: the RFC 9457 problem the operator API answers with.</summary>
internal sealed record CommandProblem(string Type, string Title, int Status, string Detail, string Code);
