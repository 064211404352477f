using BillingBot.Billing.Members;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>What handling one incoming update knows: the dialog, who acts, on which account, in which language.</summary>
internal sealed class ChatContext(ChatDialog dialog, Incoming incoming, IReadOnlyList<Membership> memberships, Func<ChatSession, ChatText> texts, bool isOperator = false)
{
    public ChatDialog Dialog { get; } = dialog;
    public Incoming Incoming { get; } = incoming;
    public IReadOnlyList<Membership> Memberships { get; set; } = memberships;

    /// <summary>Texts in the chat's language as it is now (Settings may change it mid-update).</summary>
    public ChatText T => texts(Dialog.Session);

    public int? AccountId => Dialog.Session.AccountId;

    /// <summary>What the person may do in the account, by their memberships: nothing where they have none there.</summary>
    public Rights Rights => Rights.Of(Memberships, AccountId, Operator);

    /// <summary>One of the provider's operators, writing in their private chat with the bot (<see cref="DialogOptions.OperatorIn"/>).</summary>
    public bool Operator { get; } = isOperator;

    /// <summary>A document the action made, sent below the screen.</summary>
    public Attachment? Attachment { get; set; }

    /// <summary>
    /// An idempotency key for what this update does: the same Telegram update handled again does the same thing once.
    /// Console input has no update id, so each line is an operation of its own.
    /// </summary>
    public string Key { get; } = incoming.UpdateId > 0 ? ChatKeys.Operation(incoming.ChatId, incoming.UpdateId) : $"console/{Guid.NewGuid():N}";
}
