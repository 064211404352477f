using BillingBot.Billing.Members;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>What a screen is drawn for: the chat's session, its texts, and the accounts of the person it is shown to.</summary>
internal sealed record View(ChatSession Session, ChatText T, IReadOnlyList<Membership> Memberships, bool Operator = false)
{
    public int AccountId => Session.AccountId ?? throw new InvalidOperationException("A screen of an account is drawn only once one is chosen.");

    public Rights Rights => Rights.Of(Memberships, Session.AccountId, Operator);

    /// <summary>Whether the screen offers <paramref name="press"/>'s button: the same guards that would refuse the press decide.</summary>
    public bool Offers(Press press) => ChatDialog.Offers(Session.State, press.Trigger, Rights);
}
