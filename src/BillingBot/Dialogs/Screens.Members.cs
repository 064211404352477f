using BillingBot.Billing.Members;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>The account's members: who they are, who may move money; the owner's changes, and leaving.</summary>
internal sealed partial class Screens
{
    public Screen Members(View v)
    {
        var t = v.T;
        var account = billing.Accounts.Get(v.AccountId);
        var members = billing.Members.MembersOf(v.AccountId).OrderBy(m => m.Role).ThenBy(m => m.JoinedAt).ToList();
        var me = v.Memberships.First(m => m.AccountId == v.AccountId);
        var lines = members.Select(m => t[
            m.Role == Role.Owner ? "chat.members.owner" : m.MayMoveMoney ? "chat.members.managerWithMoney" : "chat.members.manager",
            ("name", t.MemberName(m)),
            ("you", ChatText.Raw(m.UserId == me.UserId ? t["chat.members.you"] : ""))]);
        var rows = new List<IReadOnlyList<Button>>();
        if (v.Offers(Presses.OpenMember))
        {
            rows.AddRange(members.Where(m => m.UserId != me.UserId)
                .Select(m => (IReadOnlyList<Button>)[new Button(ChatText.Escape(t.MemberName(m)), Presses.OpenMember.Data(m.UserId))]));
        }

        // The last owner stays: an account always has someone who owns it.
        if (me.Role != Role.Owner || members.Count(m => m.Role == Role.Owner) > 1)
        {
            rows.Add([new Button(t["chat.button.leave"], Presses.Leave.Data())]);
        }

        rows.Add([new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(t["chat.members", ("name", account.Name), ("members", ChatText.Raw(string.Join("\n", lines)))], rows);
    }

    public Screen Member(View v, MemberFlow flow)
    {
        var t = v.T;
        if (billing.Members.Find(v.AccountId, flow.UserId) is not { } member)
        {
            // Removed or gone meanwhile (on the command line, say).
            return Members(v);
        }

        var rows = new List<IReadOnlyList<Button>>();
        if (member.Role == Role.Manager)
        {
            rows.Add([new Button(t[member.MayMoveMoney ? "chat.button.revokeMoney" : "chat.button.grantMoney"], Presses.MoneyRight.Data(!member.MayMoveMoney))]);
        }

        rows.Add([new Button(t["chat.button.removeMember"], Presses.RemoveMember.Data())]);
        rows.Add([new Button(t["chat.button.members"], Presses.Members.Data()), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(
            t["chat.member", ("name", t.MemberName(member)), ("role", member.Role), ("joined", t.Date(t.LocalDay(member.JoinedAt))), ("money", ChatText.Raw(t[member.MovesMoney ? "chat.member.movesMoney" : "chat.member.noMoney"]))],
            rows);
    }

    public Screen RemoveMemberConfirm(View v, MemberFlow flow)
    {
        var t = v.T;
        if (billing.Members.Find(v.AccountId, flow.UserId) is not { } member)
        {
            return Members(v);
        }

        return Screen.Of(
            t["chat.members.removeConfirm", ("name", t.MemberName(member)), ("account", billing.Accounts.Get(v.AccountId).Name)],
            [new Button(t["chat.button.removeMember"], Presses.Confirm.Data()), new Button(t["chat.button.keepMember"], Presses.Members.Data())]);
    }

    public Screen LeaveConfirm(View v)
    {
        var t = v.T;
        return Screen.Of(
            t["chat.members.leaveConfirm", ("account", billing.Accounts.Get(v.AccountId).Name)],
            [new Button(t["chat.button.leave"], Presses.Confirm.Data()), new Button(t["chat.button.stay"], Presses.Members.Data())]);
    }
}
