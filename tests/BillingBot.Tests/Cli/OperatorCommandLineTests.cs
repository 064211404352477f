using System.Text.Json;
using BillingBot.Cli;

namespace BillingBot.Tests.Cli;

public sealed class OperatorCommandLineTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Theory]
    [InlineData(true, "accounts", "list")]
    [InlineData(true, "--db", "x.db", "accounts", "list")]
    [InlineData(true, "--help")]
    [InlineData(true, "--version")]
    [InlineData(true, "acounts")]
    [InlineData(false)]
    [InlineData(false, "--Storage:Path=x.db")]
    [InlineData(false, "--Storage:Path", "x.db", "Logging:LogLevel:Default=Warning")]
    public void Handles_Arguments_CommandsGoToTheCommandLineConfigurationToTheBot(bool handled, params string[] args)
    {
        Assert.Equal(handled, OperatorCommandLine.Handles(args));
    }

    [Fact]
    public void Help_Root_ListsEveryCommandWithoutOpeningTheDatabase()
    {
        var before = File.ReadAllBytes(_db.DbPath);

        var run = _db.Run("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "accounts", "tariff", "charges", "accrue", "invoices", "payments", "history", "promised", "transfer", "autotopup", "invite", "backup" })
        {
            Assert.Contains($"  {command}", run.Output, StringComparison.Ordinal);
        }

        Assert.Equal(before, File.ReadAllBytes(_db.DbPath));
        Assert.False(File.Exists(_db.PathOf("billing-log.db")));
        var missing = _db.PathOf("missing.db");
        Assert.Equal(0, OperatorCommandLine.Run(["--db", missing, "--help"], TextWriter.Null, TextWriter.Null, _db.Time));
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public void Help_Command_ShowsItsOptions()
    {
        var run = _db.Run("accounts", "create", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--kind <customer|agency>", run.Output, StringComparison.Ordinal);
        Assert.Contains("--time-zone <zone>", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EveryKindOfResult_ParsesWithCamelCaseNamesAndStringEnums()
    {
        var agency = _db.CreateAccount("RUB", "0", "Agency", "--kind", "agency");
        var client = _db.CreateAccount("RUB", "1", "Client", "--agency", $"{agency}");
        string[][] commands =
        [
            ["accounts", "list"],
            ["accounts", "show", $"{client}"],
            ["tariff", "set", $"{client}", "2"],
            ["payments", "record", "--account", $"{agency}", "--amount", "100", "--payment-id", "p-1"],
            ["charges", "post", $"{client}", "--date", "2022-09-28", "--amount", "1"],
            ["accrue", "--through", "2022-09-28"],
            ["invoices", "issue", $"{client}", "--amount", "10"],
            ["invoices", "list", $"{client}"],
            ["history", $"{client}"],
            ["transfer", "--from", $"{agency}", "--to", $"{client}", "--amount", "10"],
            ["autotopup", "set", $"{client}", "--amount", "5", "--threshold", "0", "--limit", "10", "--period", "week"],
            ["autotopup", "off", $"{client}"],
            ["invite", $"{client}", "--role", "owner"],
            ["backup", _db.PathOf("backup.db")],
        ];

        foreach (var command in commands)
        {
            var json = _db.Json(command);
            Assert.True(json.ValueKind is JsonValueKind.Object or JsonValueKind.Array, string.Join(' ', command));
        }

        var rule = _db.Json("autotopup", "on", $"{client}");
        Assert.Equal("week", rule.GetProperty("period").GetString());
        Assert.Equal(JsonValueKind.Number, rule.GetProperty("limit").ValueKind);
        Assert.Equal("owner", _db.Json("invite", $"{client}", "--role", "owner").GetProperty("role").GetString());
    }

    public void Dispose() => _db.Dispose();
}
