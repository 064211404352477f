using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>The provider's operators: any account found by name, id or external id, and its card.</summary>
internal sealed partial class ChatActions
{
    /// <summary>The most accounts a search shows: a name matching more is to be typed more fully.</summary>
    public const int FoundShown = 10;

    public static string? FindAccounts(ChatContext c, string text) =>
        text.Trim().Length == 0 ? c.T["op.findHint"] : Next(c, Trigger.Typed, new OperatorSearchFlow { Query = text.Trim() });

    /// <summary>Back from a card to the accounts its search found.</summary>
    public static string? BackToFound(ChatContext c) =>
        Next(c, Trigger.OperatorBack, new OperatorSearchFlow { Query = ((OperatorAccountFlow)c.Dialog.Session.Flow!).Query });

    public string? OperatorAccount(ChatContext c, int accountId)
    {
        if (billing.Accounts.Find(accountId) is null)
        {
            return c.T["chat.stale"];
        }

        c.Dialog.Fire(Trigger.OperatorAccount, new OperatorAccountFlow { Query = ((OperatorSearchFlow)c.Dialog.Session.Flow!).Query, AccountId = accountId });
        return null;
    }
}
