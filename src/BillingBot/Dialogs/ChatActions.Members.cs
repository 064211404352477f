using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>An account's members: its owner changes a manager's right to move money or removes someone; anyone but the last owner leaves.</summary>
internal sealed partial class ChatActions
{
    public string? OpenMember(ChatContext c, long userId)
    {
        if (billing.Members.Find(c.AccountId!.Value, userId) is null || userId == c.Incoming.UserId)
        {
            return c.T["chat.stale"];
        }

        c.Dialog.Fire(Trigger.OpenMember, new MemberFlow { UserId = userId });
        return null;
    }

    public string? MoneyRight(ChatContext c, bool granted)
    {
        var member = billing.Members.SetMoneyRight(c.AccountId!.Value, Opened(c), granted);
        c.Dialog.Fire(Trigger.MoneyRight);
        return c.T[granted ? "chat.members.granted" : "chat.members.revoked", ("name", c.T.MemberName(member))];
    }

    public string? RemoveMember(ChatContext c)
    {
        var member = billing.Members.Remove(c.AccountId!.Value, Opened(c));
        c.Dialog.Fire(Trigger.Confirm);
        return c.T["chat.members.removed", ("name", c.T.MemberName(member))];
    }

    /// <summary>The person leaves the chat's account; the chat goes on with their other account, or asks which.</summary>
    public string? Leave(ChatContext c)
    {
        var account = billing.Accounts.Get(c.AccountId!.Value);
        billing.Members.Remove(account.Id, c.Incoming.UserId);
        c.Dialog.Fire(Trigger.Confirm);
        c.Memberships = billing.Members.AccountsOf(c.Incoming.UserId);
        c.Dialog.Update(s => s with { AccountId = c.Memberships.Count == 1 ? c.Memberships[0].AccountId : null });
        return c.T["chat.members.left", ("name", account.Name)];
    }

    private static long Opened(ChatContext c) => ((MemberFlow)c.Dialog.Session.Flow!).UserId;
}
