using BillingBot.Billing.Members;

namespace BillingBot.Billing.Tests.Members;

public sealed class MemberServiceTests : IDisposable
{
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Redeem_FreshCode_MemberWithItsRoleAndCodeUsedUp()
    {
        var account = _f.Customer();
        var code = _f.Billing.Members.Invite(account.Id, Role.Manager);

        var membership = _f.Billing.Members.Redeem(code, userId: 42);

        Assert.Equal((account.Id, 42L, Role.Manager), (membership.AccountId, membership.UserId, membership.Role));
        Assert.Equal([account.Id], _f.Billing.Members.AccountsOf(42).Select(m => m.AccountId));
        Assert.Equal(BillingError.InvalidInvitation, Assert.Throws<BillingException>(() => _f.Billing.Members.Redeem(code, 43)).Error);
    }

    [Fact]
    public void AccountsOf_ReadBeforeAndAfterARedeem_ShowsTheNewMembership()
    {
        var (first, second) = (_f.Customer(name: "First"), _f.Customer(name: "Second"));
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(first.Id, Role.Manager), userId: 42);
        Assert.Equal([first.Id], _f.Billing.Members.AccountsOf(42).Select(m => m.AccountId));

        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(second.Id, Role.Owner), userId: 42);

        Assert.Equal([first.Id, second.Id], _f.Billing.Members.AccountsOf(42).Select(m => m.AccountId));
    }

    [Fact]
    public void AccountsOf_ReadInsideARedeemThatIsRolledBack_KeepsNoMembershipThatWasNeverStored()
    {
        var account = _f.Customer();
        var code = _f.Billing.Members.Invite(account.Id, Role.Manager);
        Assert.Empty(_f.Billing.Members.AccountsOf(42));

        // A batch of chat updates: the first joins with the code and sees its membership, the second fails, and the
        // batch is rolled back whole.
        var batch = _f.Store.TryWriteAll<int>(
        [
            () =>
            {
                _f.Billing.Members.Redeem(code, userId: 42);
                return _f.Billing.Members.AccountsOf(42).Count;
            },
            () => throw new InvalidOperationException("the second update's handling failed"),
        ]);

        Assert.Null(batch);
        Assert.Empty(_f.Billing.Members.AccountsOf(42));
        Assert.Empty(_f.Store.Read(() => _f.Store.Members.FindAll().ToList()));
        // The code was not used up either: the person can still join.
        Assert.Equal([account.Id], _f.Billing.Members.AccountsOf(_f.Billing.Members.Redeem(code, userId: 42).UserId).Select(m => m.AccountId));
    }

    [Fact]
    public void Redeem_OwnerTriesTheManagerCodeTheyMade_StaysOwnerAndTheCodeStillWorksForTheManager()
    {
        var account = _f.Customer();
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Owner), userId: 42);
        var managerCode = _f.Billing.Members.Invite(account.Id, Role.Manager);

        var owner = _f.Billing.Members.Redeem(managerCode, userId: 42);
        var manager = _f.Billing.Members.Redeem(managerCode, userId: 43);

        Assert.Equal(Role.Owner, owner.Role);
        Assert.Equal([(42L, Role.Owner), (43L, Role.Manager)], _f.Billing.Members.MembersOf(account.Id).Select(m => (m.UserId, m.Role)));
    }

    [Fact]
    public void Redeem_ManagerGivenAnOwnerCode_BecomesOwner()
    {
        var account = _f.Customer();
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Manager), userId: 42);

        var promoted = _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Owner), userId: 42);

        Assert.Equal(Role.Owner, Assert.Single(_f.Billing.Members.AccountsOf(42)).Role);
        Assert.Equal(Role.Owner, promoted.Role);
    }

    [Fact]
    public void Redeem_AfterLifetime_Refused()
    {
        var account = _f.Customer();
        var code = _f.Billing.Members.Invite(account.Id, Role.Owner);

        _f.Time.Advance(TimeSpan.FromHours(72));

        Assert.Equal(BillingError.InvalidInvitation, Assert.Throws<BillingException>(() => _f.Billing.Members.Redeem(code, 42)).Error);
        Assert.Empty(_f.Billing.Members.AccountsOf(42));
    }

    [Fact]
    public void Invite_CodeNeverStored()
    {
        var account = _f.Customer();

        var code = _f.Billing.Members.Invite(account.Id, Role.Owner);

        Assert.Equal(16, code.Length);
        Assert.DoesNotContain(code, File.ReadAllText(_f.DbPath) + (File.Exists(_f.DbPath.Replace(".db", "-log.db", StringComparison.Ordinal)) ? File.ReadAllText(_f.DbPath.Replace(".db", "-log.db", StringComparison.Ordinal)) : ""), StringComparison.Ordinal);
        Assert.Equal(BillingError.UnknownAccount, Assert.Throws<BillingException>(() => _f.Billing.Members.Invite(404, Role.Owner)).Error);
    }

    [Fact]
    public void Redeem_WrongCode_Refused() =>
        Assert.Equal(BillingError.InvalidInvitation, Assert.Throws<BillingException>(() => _f.Billing.Members.Redeem("WRONGCODE", 1)).Error);

    [Fact]
    public void SetMoneyRight_Manager_GrantedThenRevokedAndSeenAtOnce()
    {
        var account = _f.Customer();
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Manager), userId: 43);
        Assert.False(Assert.Single(_f.Billing.Members.AccountsOf(43)).MovesMoney);

        _f.Billing.Members.SetMoneyRight(account.Id, 43, granted: true);
        Assert.True(Assert.Single(_f.Billing.Members.AccountsOf(43)).MovesMoney);

        _f.Billing.Members.SetMoneyRight(account.Id, 43, granted: false);
        Assert.False(Assert.Single(_f.Billing.Members.AccountsOf(43)).MovesMoney);
    }

    [Fact]
    public void SetMoneyRight_OwnerOrStranger_RefusedAndNothingChanges()
    {
        var account = _f.Customer();
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Owner), userId: 42);

        Assert.Equal(BillingError.NotAManager, Assert.Throws<BillingException>(() => _f.Billing.Members.SetMoneyRight(account.Id, 42, granted: false)).Error);
        Assert.Equal(BillingError.NotAMember, Assert.Throws<BillingException>(() => _f.Billing.Members.SetMoneyRight(account.Id, 99, granted: true)).Error);
        Assert.Equal(BillingError.UnknownAccount, Assert.Throws<BillingException>(() => _f.Billing.Members.SetMoneyRight(404, 42, granted: true)).Error);
        Assert.True(Assert.Single(_f.Billing.Members.AccountsOf(42)).MovesMoney);
        Assert.Empty(_f.Billing.Members.AccountsOf(99));
    }

    [Fact]
    public void Remove_ManagerAndSecondOwner_GoneAtOnce_TheLastOwnerStays()
    {
        var account = _f.Customer();
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Owner), userId: 42);
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Owner), userId: 44);
        _f.Billing.Members.Redeem(_f.Billing.Members.Invite(account.Id, Role.Manager), userId: 43);
        Assert.Single(_f.Billing.Members.AccountsOf(43));

        _f.Billing.Members.Remove(account.Id, 43);
        _f.Billing.Members.Remove(account.Id, 44);

        Assert.Empty(_f.Billing.Members.AccountsOf(43));
        Assert.Empty(_f.Billing.Members.AccountsOf(44));
        var last = Assert.Throws<BillingException>(() => _f.Billing.Members.Remove(account.Id, 42));
        Assert.Equal(BillingError.LastOwner, last.Error);
        Assert.Equal([(42L, Role.Owner)], _f.Billing.Members.MembersOf(account.Id).Select(m => (m.UserId, m.Role)));
        Assert.Equal(BillingError.NotAMember, Assert.Throws<BillingException>(() => _f.Billing.Members.Remove(account.Id, 43)).Error);
    }
}
