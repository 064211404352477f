using BillingBot.Billing.Members;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>What handling one incoming update knows: the dialog, who acts, on which account, in which language.</summary>
internal sealed class ChatContext(ChatDialog dialog, Incoming incoming, IReadOnlyList<Membership> memberships, Func<ChatSession, ChatText> texts)
{
    public ChatDialog Dialog { get; } = dialog;
    public Incoming Incoming { get; } = incoming;
    public IReadOnlyList<Membership> Memberships { get; set; } = memberships;

    /// <summary>Texts in the chat's language as it is now (Settings may change it mid-update).</summary>
    public ChatText T => texts(Dialog.Session);

    public int? AccountId => Dialog.Session.AccountId;

    public Role? Role => RoleIn(Memberships, AccountId);

    /// <summary>The person's role in the account, by their memberships; null where they have none there.</summary>
    public static Role? RoleIn(IReadOnlyList<Membership> memberships, int? accountId) => memberships.FirstOrDefault(m => m.AccountId == accountId)?.Role;

    public bool IsOwner => Role == Billing.Members.Role.Owner;

    /// <summary>A document the action made, sent below the screen.</summary>
    public Attachment? Attachment { get; set; }

    /// <summary>
    /// An idempotency key for what this update does: the same Telegram update handled again does the same thing once.
    /// Console input has no update id, so each line is an operation of its own.
    /// </summary>
    public string Key { get; } = incoming.UpdateId > 0 ? ChatKeys.Operation(incoming.ChatId, incoming.UpdateId) : $"console/{Guid.NewGuid():N}";
}
