using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Chat;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>An agency's clients: transfers to and from them, and their auto top-up rules.</summary>
internal sealed partial class ChatActions
{
    /// <summary>A client of the chat's agency account, or null when the id names any other account.</summary>
    public Account? ClientOf(ChatSession session, int? clientId) =>
        session.AccountId is { } agencyId && clientId is { } id && billing.Accounts.ClientsOf(agencyId).FirstOrDefault(a => a.Id == id) is { } client
            ? client
            : null;

    private string? OpenClient(ChatContext c, string argument)
    {
        if (!int.TryParse(argument, CultureInfo.InvariantCulture, out var id) || ClientOf(c.Dialog.Session, id) is null)
        {
            return c.T["chat.forbidden"];
        }

        return Fire(c, Trigger.OpenClient, s => s with { ClientId = id });
    }

    /// <summary>The button names the state it wants (<c>ruletoggle:on</c>), so the same press handled twice changes nothing more.</summary>
    private string? ToggleRule(ChatContext c, string wanted)
    {
        var client = ClientOf(c.Dialog.Session, c.Dialog.Session.ClientId) ?? throw new BillingException(BillingError.NotAClient, ("client", c.Dialog.Session.ClientId ?? 0));
        var rule = billing.Agency.SetEnabled(client.Id, wanted == "on");
        c.Dialog.Fire(Trigger.ToggleRule);
        return c.T[rule.Enabled ? "chat.rule.on" : "chat.rule.off"];
    }

    private string? ConfirmAgency(ChatContext c)
    {
        var session = c.Dialog.Session;
        var client = ClientOf(session, session.ClientId) ?? throw new BillingException(BillingError.NotAClient, ("client", session.ClientId ?? 0));
        var agencyId = session.AccountId!.Value;
        var amount = session.Amount ?? 0;
        var money = c.T.Money(amount, client.Currency);
        string note;
        switch (session.State)
        {
            case DialogState.TransferConfirm:
                billing.Agency.Transfer(agencyId, client.Id, amount, c.Key);
                note = c.T["chat.transfer.done", ("amount", money), ("name", client.Name)];
                break;
            case DialogState.ReturnConfirm:
                billing.Agency.Transfer(client.Id, agencyId, amount, c.Key);
                note = c.T["chat.return.done", ("amount", money), ("name", client.Name)];
                break;
            case DialogState.RuleConfirm:
                billing.Agency.SetRule(client.Id, amount, session.Threshold ?? 0, session.Limit ?? 0, session.Period ?? Billing.Agency.LimitPeriod.Day);
                note = c.T["chat.rule.saved"];
                break;
            default:
                return c.T["chat.stale"];
        }

        c.Dialog.Fire(Trigger.Confirm);
        return note;
    }
}
