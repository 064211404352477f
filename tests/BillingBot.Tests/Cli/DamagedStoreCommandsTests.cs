using System.Security.Cryptography;
using BillingBot.Tests.Common;

namespace BillingBot.Tests.Cli;

/// <summary>A command on a damaged database: one line naming the file and what is wrong, exit code 1, the file as it was.</summary>
public sealed class DamagedStoreCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    public DamagedStoreCommandsTests()
    {
        for (var i = 0; i < 50; i++)
        {
            _db.CreateAccount(name: $"Shop {i}");
        }
    }

    [Theory]
    [InlineData("accounts", "list")]
    [InlineData("accrue")]
    [InlineData("check")]
    [InlineData("backup", "bk.db")]
    public void FileCutShort_RefusedInOneLine_NothingWrittenAnywhere(params string[] command)
    {
        using (var file = new FileStream(_db.DbPath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(file.Length - 3_000);
        }

        var before = SHA256.HashData(File.ReadAllBytes(_db.DbPath));

        var run = _db.Run([.. command.Select(a => a == "bk.db" ? _db.PathOf(a) : a)]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{_db.DbPath} is damaged: it ends inside a page, so it was cut short. It was left as it is; restore the latest backup over it.", run.ErrorLine);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(run.Output);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(_db.DbPath)));
        Assert.False(File.Exists(_db.PathOf("bk.db")));
        Assert.False(File.Exists(_db.DbPath + "-log"));
    }

    [Fact]
    public void AccountThatDoesNotDecode_ListIsOneLine_AndNoMoneyMoves()
    {
        _db.WithBilling(billing =>
        {
            Garbage.InRecentCharges(billing.Store, 7);
            return true;
        });

        var list = _db.Run("accounts", "list");

        Assert.Equal(1, list.ExitCode);
        Assert.StartsWith($"{_db.DbPath} holds damaged data (A stored Account holds a RecentCharges that does not decode", list.ErrorLine, StringComparison.Ordinal);
        Assert.EndsWith("so nothing was changed. Stop the bot, and restore the latest backup over it.", list.ErrorLine, StringComparison.Ordinal);
        Assert.Single(list.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain(" at ", list.Error, StringComparison.Ordinal);
        var check = _db.Run("check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("holds damaged data", check.ErrorLine, StringComparison.Ordinal);
    }

    public void Dispose() => _db.Dispose();
}
