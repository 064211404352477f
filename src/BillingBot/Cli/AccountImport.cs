using System.CommandLine;
using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Chat;
using BillingBot.Input;
using BillingBot.Localization;
using CsvHelper;

namespace BillingBot.Cli;

/// <summary>
/// <c>accounts import FILE.csv [--codes-out FILE]</c>: onboards existing customers from a CSV with the columns
/// <c>name,currency,tariff,agency,external_id</c> (and optional <c>kind</c> and <c>time_zone</c>, as a person types a zone:
/// <c>Moscow</c>, <c>Europe/Berlin</c>, <c>UTC+3</c>); rows imported before are skipped by external id.
/// </summary>
internal static class AccountImport
{
    private static readonly string[] RequiredColumns = ["name", "currency", "tariff", "external_id"];

    /// <summary>What became of one row.</summary>
    public sealed record Row(int Line, string ExternalId, int AccountId, bool Created);

    /// <summary>The whole import, and where the owners' invitation codes went.</summary>
    public sealed record Result(int Rows, int Created, int Existing, string? CodesFile, IReadOnlyList<Row> Accounts);

    public static Command Command(OperatorContext c)
    {
        var file = c.InputFile(new Argument<string>("file") { Description = c.T("cli.help.importFile") });
        var codesOut = c.OutputFile(new Option<string?>("--codes-out") { HelpName = "file", Description = c.T("cli.help.codesOut") });
        var command = new Command("import", c.T("cli.help.accounts.import")) { file, codesOut };
        c.Handle(command, parse =>
        {
            var result = Run(c, c.Files.Resolve(parse.GetRequiredValue(file)), parse.GetValue(codesOut) is { } codes ? c.Files.Resolve(codes) : null);
            c.Print(result, r => c.T("cli.import.done", ("rows", c.Counted("cli.count.rows", r.Rows)), ("created", c.Counted("cli.count.newAccounts", r.Created)), ("existing", r.Existing))
                + (r.CodesFile is { } path ? Environment.NewLine + c.T("cli.import.codes", ("path", path), ("count", r.Created)) : ""));
        });
        return command;
    }

    private sealed record Parsed(int Line, NewAccount Account, string? AgencyRef);

    private static Result Run(OperatorContext c, string path, string? codesOut)
    {
        var content = c.Files.Read(path) ?? throw new OperatorException(c.T("cli.error.fileNotFound", ("path", path)));

        // Codes are shown once: never overwrite a file that may hold the only copy of earlier ones.
        if (codesOut is not null && c.Files.Exists(codesOut))
        {
            throw new OperatorException(c.T("cli.error.fileExists", ("path", codesOut)));
        }

        var file = new FileInfo(path);
        var problems = new List<(long Line, string Text)>();
        var rows = Read(c, file, content, problems);
        // The agencies the file names by external id, looked up alone: a large store is not read whole.
        var known = c.Billing.Accounts.IdsByExternalId(rows.Select(r => r.AgencyRef).OfType<string>());
        var inFile = rows.Select(r => r.Account.ExternalId!).ToHashSet(StringComparer.Ordinal);

        // One transaction for the whole file; an agency listed in it comes before its clients, who name it by external id.
        bool NamesNewAgency(Parsed r) => r.AgencyRef is { } agency && inFile.Contains(agency) && !known.ContainsKey(agency);
        var resolved = rows.OrderBy(NamesNewAgency).Select(r => Resolve(c, file, r, known, NamesNewAgency(r), problems)).ToList();
        if (problems.Count > 0)
        {
            // Every bad row in one pass, in the order of the file, and (for several) how many; nothing is imported until all are right.
            var lines = problems.OrderBy(p => p.Line).Select(p => p.Text).ToList();
            throw new OperatorException(lines.Count == 1 ? lines : [.. lines, c.T("cli.error.csvBadRows", ("path", file.Name), ("count", lines.Count))]);
        }

        // Tried before anything is stored: a path that cannot be written fails while nothing has changed (and leaves
        // nothing there to block the next run).
        if (codesOut is not null)
        {
            var probe = codesOut + ".probe";
            WriteCodes(c, probe, []);
            c.Files.Discard(probe);
        }

        // The accounts and their owners' codes in one transaction: a kill leaves both or neither.
        var (imported, codes) = Import(c, file, resolved, withCodes: codesOut is not null);
        if (codesOut is not null)
        {
            try
            {
                WriteCodes(c, codesOut, codes);
            }
            catch (OperatorException e)
            {
                throw new OperatorException(c.T("cli.import.codesLost", ("count", codes.Count), ("reason", e.Message)));
            }
        }

        imported.Sort((a, b) => a.Line.CompareTo(b.Line));
        var created = imported.Count(r => r.Created);
        return new Result(imported.Count, created, imported.Count - created, codesOut, imported);
    }

    /// <summary>A bad row of <paramref name="file"/>, as the line that names it and why.</summary>
    private static void Bad(OperatorContext c, FileInfo file, List<(long Line, string Text)> problems, long line, string reason) =>
        problems.Add((line, c.T("cli.error.csvRow", ("path", file.Name), ("line", line), ("reason", reason))));

    private static List<Parsed> Read(OperatorContext c, FileInfo file, byte[] content, List<(long Line, string Text)> problems)
    {
        void Bad(long line, string reason) => AccountImport.Bad(c, file, problems, line, reason);

        // The separator is detected (',' or ';' as spreadsheets export it); names are matched ignoring case and spaces.
        // A row whose quotes are broken is skipped and reported, so every bad row is found in one pass.
        using var csv = CsvReader.Create(content, new CsvReaderOptions
        {
            TrimWhitespace = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            OnMalformedRecord = bad => Bad(bad.LineNumber, c.T("cli.error.csvQuote." + bad.Reason)),
        });
        if (RequiredColumns.Any(column => !csv.TryGetFieldIndex(column, out _)))
        {
            throw new OperatorException(c.T("cli.error.csvHeader", ("path", file.Name), ("columns", "name,currency,tariff,agency,external_id")));
        }

        var columns = csv.Headers.Count;
        var hasAgency = csv.TryGetFieldIndex("agency", out _);
        var hasKind = csv.TryGetFieldIndex("kind", out _);
        var hasZone = csv.TryGetFieldIndex("time_zone", out _);
        var rows = new List<Parsed>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = (int)csv.LineNumber;
            if (csv.FieldCount != columns)
            {
                Bad(line, c.T("cli.error.csvFieldCount", ("found", csv.FieldCount), ("expected", columns)));
                continue;
            }

            var externalId = csv.GetString("external_id");
            if (externalId.Length == 0 || !seen.Add(externalId))
            {
                Bad(line, c.T(externalId.Length == 0 ? "cli.error.csvNoExternalId" : "cli.error.csvExternalIdTwice", ("externalId", Localizer.Cut(externalId))));
                continue;
            }

            var tariffText = csv.GetString("tariff");
            if (!AmountParser.TryParse(tariffText, out var tariff))
            {
                Bad(line, c.T("cli.error.amount", ("value", Localizer.Cut(tariffText))));
                continue;
            }

            var kindText = hasKind ? csv.GetString("kind") : "";
            var kindName = kindText.Length == 0 ? nameof(AccountKind.Customer) : Enum.GetNames<AccountKind>().FirstOrDefault(n => n.Equals(kindText, StringComparison.OrdinalIgnoreCase));
            if (kindName is null)
            {
                Bad(line, c.T("cli.error.choice", ("value", Localizer.Cut(kindText)), ("choices", "customer, agency")));
                continue;
            }

            var zoneText = hasZone ? csv.GetString("time_zone") : "";
            var zone = zoneText.Length == 0 ? null : TimeZones.Find(zoneText);
            if (zoneText.Length > 0 && zone is null)
            {
                Bad(line, c.Localizer.Error(OperatorContext.Culture, new BillingException(BillingError.UnknownTimeZone, ("zone", zoneText))));
                continue;
            }

            try
            {
                // The money model's own rules, checked per row so that a refusal names its line.
                var currency = Money.Currency(csv.GetString("currency"));
                if (tariff != 0)
                {
                    Money.Require(tariff, currency, c.Settings.Accounts.MaxAmount);
                }

                var agency = hasAgency && csv.GetString("agency") is { Length: > 0 } a ? a : null;
                rows.Add(new Parsed(line, new NewAccount(csv.GetString("name"), currency, tariff, Enum.Parse<AccountKind>(kindName), TimeZone: zone, ExternalId: externalId), agency));
            }
            catch (BillingException e)
            {
                Bad(line, c.Localizer.Error(OperatorContext.Culture, e));
            }
        }

        return rows;
    }

    /// <summary>The agency column holds an agency's external id (of an account there or of a row of the file) or, failing that, its numeric id.</summary>
    private static (int Line, NewAccount Account) Resolve(OperatorContext c, FileInfo file, Parsed row, IReadOnlyDictionary<string, int> known, bool namesNewAgency, List<(long Line, string Text)> problems)
    {
        if (row.AgencyRef is not { } agency)
        {
            return (row.Line, row.Account);
        }

        if (namesNewAgency)
        {
            return (row.Line, row.Account with { AgencyExternalId = agency });
        }

        if (known.TryGetValue(agency, out var id) || int.TryParse(agency, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return (row.Line, row.Account with { AgencyId = id });
        }

        Bad(c, file, problems, row.Line, c.T("cli.error.csvAgency", ("agency", Localizer.Cut(agency))));
        return (row.Line, row.Account);
    }

    private static (List<Row> Rows, List<OwnerCode> Codes) Import(OperatorContext c, FileInfo file, List<(int Line, NewAccount Account)> rows, bool withCodes)
    {
        if (rows.Count == 0)
        {
            return ([], []);
        }

        try
        {
            // The import's and the codes' writes join one transaction.
            return c.Billing.Store.WriteTogether<(List<Row>, List<OwnerCode>)>(() =>
            {
                var results = c.Billing.Accounts.Import(rows.Select(r => r.Account).ToList());
                var imported = rows.Zip(results, (row, result) => new Row(row.Line, row.Account.ExternalId!, result.Account.Id, result.Created)).ToList();
                var created = imported.Where(r => r.Created).ToList();
                var codes = withCodes ? c.Billing.Members.InviteOwners([.. created.Select(r => r.AccountId)]) : [];
                return (imported, [.. created.Zip(codes, (row, code) => new OwnerCode(row.ExternalId, row.AccountId, code))]);
            });
        }
        catch (BillingException e)
        {
            // One transaction: none of these rows was stored.
            throw new OperatorException(c.T("cli.error.csvRefused", ("path", file.Name), ("reason", c.Localizer.Error(OperatorContext.Culture, e))));
        }
    }

    /// <summary>An owner's invitation code for an account, as codes.csv lists it.</summary>
    internal sealed record OwnerCode(string? ExternalId, int AccountId, string Code);

    /// <summary>
    /// The owners' invitation codes as CSV <c>external_id,account_id,code</c>, one row per account, written whole under
    /// a temporary name and then renamed: a file there holds every code or is not there. Once a bot has started on the
    /// store (so its username is known), a <c>link</c> column holds each code's <c>https://t.me/&lt;bot&gt;?start=CODE</c>.
    /// </summary>
    internal static void WriteCodes(OperatorContext c, string path, IEnumerable<OwnerCode> codes)
    {
        var bot = new BotIdentity(c.Billing.Store).Username;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.Escape }))
        {
            csv.WriteHeader(bot is null ? ["external_id", "account_id", "code"] : ["external_id", "account_id", "code", "link"]);
            foreach (var code in codes)
            {
                string[] row = [code.ExternalId ?? "", code.AccountId.ToString(CultureInfo.InvariantCulture), code.Code];
                csv.WriteRecord(bot is null ? row : [.. row, BotIdentity.Link(bot, code.Code)!]);
            }
        }

        try
        {
            c.Files.Write(path, System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException(c.T("cli.error.cannotWrite", ("path", path), ("reason", e.Message)));
        }
    }
}
