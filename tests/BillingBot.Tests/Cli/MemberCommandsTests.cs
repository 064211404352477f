using BillingBot.Billing.Members;
using BillingBot.Cli;

namespace BillingBot.Tests.Cli;

public sealed class MemberCommandsTests : IDisposable
{
    private readonly CliFixture _db = new();

    [Fact]
    public void List_OwnerAndManager_EachWithRoleMoneyRightNameAndWhenTheyJoined()
    {
        var id = _db.CreateAccount();
        _db.WithBilling(b => b.Members.Redeem(b.Members.Invite(id, Role.Owner), userId: 42, "Anna Petrova (@anna)"));
        _db.WithBilling(b => b.Members.Redeem(b.Members.Invite(id, Role.Manager), userId: 43));

        var run = _db.Run("members", "list", $"{id}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["42  owner  may move money  Anna Petrova (@anna)  joined 2022-09-28 10:00 UTC", "43  manager  moves no money  —  joined 2022-09-28 10:00 UTC"],
            run.Output.Trim().Split(Environment.NewLine));
    }

    [Fact]
    public void GrantAndRevoke_Manager_ItsMoneyRightFollows()
    {
        var id = _db.CreateAccount();
        _db.WithBilling(b => b.Members.Redeem(b.Members.Invite(id, Role.Manager), userId: 43));

        var granted = _db.Run("members", "grant", $"{id}", "--user", "43");
        var afterGrant = _db.WithBilling(b => b.Members.AccountsOf(43)[0].MovesMoney);
        var revoked = _db.Run("members", "revoke", $"{id}", "--user", "43");

        Assert.Equal($"Manager 43 may now move the money of account #{id}.", granted.Output.Trim());
        Assert.True(afterGrant);
        Assert.Equal($"Manager 43 may no longer move the money of account #{id}.", revoked.Output.Trim());
        Assert.False(_db.WithBilling(b => b.Members.AccountsOf(43)[0].MovesMoney));
    }

    [Fact]
    public void Remove_ManagerThenTheLastOwner_ManagerGoneOwnerRefusedInOneLine()
    {
        var id = _db.CreateAccount();
        _db.WithBilling(b => b.Members.Redeem(b.Members.Invite(id, Role.Owner), userId: 42));
        _db.WithBilling(b => b.Members.Redeem(b.Members.Invite(id, Role.Manager), userId: 43));

        var removed = _db.Run("members", "remove", $"{id}", "--user", "43");
        var last = _db.Run("members", "remove", $"{id}", "--user", "42");
        var json = System.Text.Json.JsonDocument.Parse(_db.Run("members", "remove", $"{id}", "--user", "42", "--json").Error).RootElement;

        Assert.Equal($"Removed 43 (manager) from account #{id}.", removed.Output.Trim());
        Assert.Equal(OperatorCommandLine.BadInput, last.ExitCode);
        Assert.Equal($"User 42 is the last owner of account #{id}: an account keeps at least one owner.", last.Error.Trim());
        Assert.Equal("LastOwner", json.GetProperty("code").GetString());
        Assert.Equal([42L], _db.WithBilling(b => b.Members.MembersOf(id).Select(m => m.UserId).ToList()));
    }

    [Theory]
    [InlineData("grant", "42", "User 42 owns account #1: an owner may always move its money.")]
    [InlineData("grant", "99", "User 99 is not a member of account #1.")]
    [InlineData("remove", "0", "'0' is not a Telegram user id: write a whole number above zero.")]
    public void Refused_NamesWhyAndChangesNothing(string command, string user, string error)
    {
        var id = _db.CreateAccount();
        _db.WithBilling(b => b.Members.Redeem(b.Members.Invite(id, Role.Owner), userId: 42));

        var run = _db.Run("members", command, $"{id}", "--user", user);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(error, run.Error, StringComparison.Ordinal);
        Assert.Equal([(42L, true)], _db.WithBilling(b => b.Members.MembersOf(id).Select(m => (m.UserId, m.MovesMoney)).ToList()));
    }

    public void Dispose() => _db.Dispose();
}
