using System.Text;
using UglyToad.PdfPig;

namespace BillingBot.Tests.Cli;

/// <summary><c>statement</c>: a month of an account's ledger written to a PDF or CSV file, or one line saying why not.</summary>
public sealed class StatementCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    public StatementCommandsTests()
    {
        // #1 with 155.46 paid and a day charged on 28 September 2022.
        _db.CreateAccount(tariff: "0");
        _db.Run("payments", "record", "--account", "1", "--amount", "155.46", "--payment-id", "bank-1");
        _db.Run("charges", "post", "1", "--date", "2022-09-27", "--amount", "5.58");
    }

    [Fact]
    public void Statement_Pdf_WritesAPdfWithTheBalances()
    {
        var path = _db.PathOf("out/statement.pdf");
        Directory.CreateDirectory(_db.PathOf("out"));

        var run = _db.Run("statement", "1", "--month", "2022-09", "--out", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Statement of account #1 for 2022-09 written to {path} ({new FileInfo(path).Length} bytes).", run.Output.Trim());
        using var pdf = PdfDocument.Open(path);
        var text = string.Join(' ', pdf.GetPage(1).GetWords().Select(w => w.Text));
        Assert.Contains("Opening balance, 01.09.2022: $0.00", text, StringComparison.Ordinal);
        Assert.Contains("Usage charge for 27.09.2022 -$5.58 $149.88", text, StringComparison.Ordinal);
        // September is still running on the command line's clock: the balance is told at the moment the statement was made.
        Assert.Matches(@"Balance at \d\d\.09\.2022 \d\d:\d\d: \$149\.88", text);
        Assert.DoesNotContain("30.09.2022:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_CsvInRussianAsJson_ReportsTheFileItWrote()
    {
        var path = _db.PathOf("statement.csv");

        var report = _db.Json("statement", "1", "--month", "2022-09", "--format", "csv", "--language", "ru", "--out", path);

        Assert.Equal(("2022-09", "csv", "ru", path), (report.GetProperty("month").GetString(), report.GetProperty("format").GetString(), report.GetProperty("language").GetString(), report.GetProperty("path").GetString()));
        Assert.Equal(new FileInfo(path).Length, report.GetProperty("bytes").GetInt64());
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith(",Входящий остаток,,0.00,USD", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",Платёж (банковский перевод),155.46,155.46,USD", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",Плата за использование за 27.09.2022,-5.58,149.88,USD", lines[3], StringComparison.Ordinal);
        Assert.EndsWith(",Исходящий остаток,,149.88,USD", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Statement_ExistingFile_IsReplaced()
    {
        var path = _db.PathOf("statement.csv");
        File.WriteAllText(path, "old");

        var run = _db.Run("statement", "1", "--month", "2022-09", "--format", "csv", "--out", path);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("\uFEFFreference,", Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
    }

    public static TheoryData<string[], string> BadInput => new()
    {
        { ["statement", "99", "--month", "2022-09"], "There is no account 99." },
        { ["statement", "1", "--month", "2022-13"], "'2022-13' is not a month: write it as YYYY-MM." },
        { ["statement", "1", "--month", "09.2022"], "'09.2022' is not a month" },
        { ["statement", "1", "--month", "2022-09", "--format", "docx"], "'docx' is not one of: pdf, csv." },
        { ["statement", "1", "--month", "2022-09", "--language", "de"], "'de' is not one of: en, ru." },
        { ["statement", "1", "--format", "csv"], "Option '--month' is required." },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public void Statement_BadInput_ExitTwoOneLineNoFile(string[] args, string message)
    {
        var path = _db.PathOf("bad.pdf");

        var run = _db.Run([.. args, "--out", path]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Statement_OutIntoAFolderThatDoesNotExist_RefusedInOneLine_NoFolderMade()
    {
        var path = _db.PathOf("mistyped/statement.pdf");

        var run = _db.Run("statement", "1", "--month", "2022-09", "--out", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"The folder {_db.PathOf("mistyped")} does not exist, so nothing was done; make it first, or name a file in a folder that exists.", run.ErrorLine);
        Assert.Empty(run.Output);
        Assert.False(Directory.Exists(_db.PathOf("mistyped")));
    }

    [Fact]
    public void Statement_OutUnderAFile_ExitTwoCannotWrite()
    {
        File.WriteAllText(_db.PathOf("file"), "not a folder");
        var path = _db.PathOf("file/statement.pdf");

        var run = _db.Run("statement", "1", "--month", "2022-09", "--out", path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"Cannot write {path}: ", run.ErrorLine, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    public void Dispose() => _db.Dispose();
}
