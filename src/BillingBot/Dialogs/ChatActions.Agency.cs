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

    public string? OpenClient(ChatContext c, int clientId)
    {
        if (ClientOf(c.Dialog.Session, clientId) is null)
        {
            return c.T["chat.forbidden"];
        }

        c.Dialog.Fire(Trigger.OpenClient, new ClientScreenFlow { ClientId = clientId });
        return null;
    }

    public string? ToggleRule(ChatContext c, bool on)
    {
        var rule = billing.Agency.SetEnabled(Client(c).Id, on);
        c.Dialog.Fire(Trigger.ToggleRule);
        return c.T[rule.Enabled ? "chat.rule.on" : "chat.rule.off"];
    }

    /// <summary>The amount to move to the client (<paramref name="toClient"/>) or back from it to the agency.</summary>
    public string? TransferAmount(ChatContext c, decimal amount, bool toClient)
    {
        var flow = (TransferFlow)c.Dialog.Session.Flow!;
        var client = Client(c);
        billing.Agency.CheckTransfer(toClient ? c.AccountId!.Value : client.Id, amount);
        c.Dialog.Fire(Trigger.Amount, flow with { Amount = amount });
        return null;
    }

    public string? Transfer(ChatContext c, bool toClient)
    {
        var flow = (TransferFlow)c.Dialog.Session.Flow!;
        var client = Client(c);
        var agencyId = c.AccountId!.Value;
        var amount = flow.Amount ?? 0;
        billing.Agency.Transfer(toClient ? agencyId : client.Id, toClient ? client.Id : agencyId, amount, c.Key);
        c.Dialog.Fire(Trigger.Confirm);
        return c.T[toClient ? "chat.transfer.done" : "chat.return.done", ("amount", c.T.Money(amount, client.Currency)), ("name", client.Name)];
    }

    public string? RuleAmount(ChatContext c, decimal amount)
    {
        var flow = (RuleFlow)c.Dialog.Session.Flow!;
        Money.Require(amount, Client(c).Currency, billing.Settings.Accounts.MaxAmount);
        c.Dialog.Fire(Trigger.Amount, flow with { Amount = amount });
        return null;
    }

    public string? RuleThreshold(ChatContext c, decimal threshold)
    {
        var flow = (RuleFlow)c.Dialog.Session.Flow!;
        Money.RequireMinorUnit(threshold, Client(c).Currency);
        c.Dialog.Fire(Trigger.Amount, flow with { Threshold = threshold });
        return null;
    }

    public string? RuleLimit(ChatContext c, decimal limit)
    {
        var flow = (RuleFlow)c.Dialog.Session.Flow!;
        billing.Agency.CheckLimit(Client(c).Id, flow.Amount ?? 0, limit);
        c.Dialog.Fire(Trigger.Amount, flow with { Limit = limit });
        return null;
    }

    public static string? RulePeriod(ChatContext c, Billing.Agency.LimitPeriod period)
    {
        c.Dialog.Fire(Trigger.Period, (RuleFlow)c.Dialog.Session.Flow! with { Period = period });
        return null;
    }

    public string? SaveRule(ChatContext c)
    {
        var flow = (RuleFlow)c.Dialog.Session.Flow!;
        billing.Agency.SetRule(Client(c).Id, flow.Amount ?? 0, flow.Threshold ?? 0, flow.Limit ?? 0, flow.Period ?? Billing.Agency.LimitPeriod.Day);
        c.Dialog.Fire(Trigger.Confirm);
        return c.T["chat.rule.saved"];
    }

    /// <summary>The client the chat's flow is about, refused if it is no client of the chat's agency any more.</summary>
    private Account Client(ChatContext c)
    {
        var id = c.Dialog.Session.Flow is ClientFlow flow ? flow.ClientId : 0;
        return ClientOf(c.Dialog.Session, id) ?? throw new BillingException(BillingError.NotAClient, ("client", id));
    }
}
