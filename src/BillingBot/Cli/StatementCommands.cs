using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BillingBot.Localization;

namespace BillingBot.Cli;

/// <summary><c>statement ID --month YYYY-MM [--format pdf|csv] --out FILE [--language en|ru]</c>: an account's monthly statement written to a file.</summary>
internal static class StatementCommands
{
    public enum StatementFormat
    {
        Pdf,
        Csv,
    }

    /// <summary>Which statement went where.</summary>
    public sealed record StatementReport(int AccountId, string Month, StatementFormat Format, string Language, string Path, int Bytes);

    public static Command Statement(OperatorContext c)
    {
        var id = Inputs.Id(c, "id", "cli.help.accountId");
        var month = new Option<DateOnly>("--month") { Required = true, HelpName = "yyyy-mm", Description = c.T("cli.help.month"), CustomParser = r => ParseMonth(c, r) };
        var format = Inputs.Choice<StatementFormat>(c, "--format", "cli.help.statementFormat", StatementFormat.Pdf);
        var output = c.OutputFile(new Option<string>("--out") { Required = true, HelpName = "file", Description = c.T("cli.help.statementOut") });
        var language = Language(c);
        var command = new Command("statement", c.T("cli.help.statement")) { id, month, format, output, language };
        c.Handle(command, parse =>
        {
            var (accountId, first, lang) = (parse.GetValue(id), parse.GetValue(month), parse.GetRequiredValue(language));
            // Made before the file is touched: an unknown account leaves no file behind.
            var document = parse.GetValue(format) == StatementFormat.Pdf
                ? c.Documents.StatementPdf(accountId, first, lang)
                : c.Documents.StatementCsv(accountId, first, lang);
            var path = c.Files.Resolve(parse.GetRequiredValue(output));
            Write(c, path, document.Content);
            c.Print(new StatementReport(accountId, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), parse.GetValue(format), lang, path, document.Content.Length), r => c.T(
                "cli.statement.written", ("id", r.AccountId), ("month", r.Month), ("path", r.Path), ("bytes", r.Bytes)));
        });
        return command;
    }

    /// <summary>One of the languages there are texts for; the command line's own English by default.</summary>
    private static Option<string> Language(OperatorContext c)
    {
        var languages = c.Localizer.Languages.Order(StringComparer.Ordinal).ToArray();
        return new Option<string>("--language")
        {
            HelpName = string.Join('|', languages),
            Description = c.T("cli.help.language"),
            DefaultValueFactory = _ => Localizer.FallbackLanguage,
            CustomParser = r =>
            {
                var token = r.Tokens.Count == 1 ? r.Tokens[0].Value : null;
                if (languages.FirstOrDefault(l => l.Equals(token, StringComparison.OrdinalIgnoreCase)) is { } known)
                {
                    return known;
                }

                r.AddError(c.T("cli.error.choice", ("value", token), ("choices", string.Join(", ", languages))));
                return Localizer.FallbackLanguage;
            },
        };
    }

    private static DateOnly ParseMonth(OperatorContext c, ArgumentResult r)
    {
        var token = r.Tokens.Count == 1 ? r.Tokens[0].Value : null;
        if (DateOnly.TryParseExact(token, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }

        r.AddError(c.T("cli.error.month", ("value", token)));
        return default;
    }

    /// <summary>A path that cannot be written is the operator's to fix, so it is bad input, not a failure of the program.</summary>
    private static void Write(OperatorContext c, string path, byte[] content)
    {
        try
        {
            c.Files.Write(path, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException(c.T("cli.error.cannotWrite", ("path", path), ("reason", e.Message)));
        }
    }
}
