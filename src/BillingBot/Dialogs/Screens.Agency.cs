using BillingBot.Billing.Agency;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>An agency's screens: its clients, one client, and the steps of a transfer or an auto top-up rule.</summary>
internal sealed partial class Screens
{
    /// <summary>Clients shown a page at a time: Telegram takes at most 100 buttons and 4,096 characters a message.</summary>
    public const int ClientsPerPage = 20;

    private Screen Clients(ChatText t, int agencyId, int page)
    {
        var clients = billing.Accounts.ClientsOf(agencyId);
        var shown = clients.Skip((page - 1) * ClientsPerPage).Take(ClientsPerPage).ToList();
        var lines = new List<string> { t["chat.clients"] };
        lines.AddRange(shown.Count == 0 ? [t["chat.clients.none"]] : shown.Select(c => t["chat.clients.row", ("name", c.Name), ("balance", t.Money(c.Balance, c.Currency))]));
        var rows = shown.Select(c => (IReadOnlyList<Button>)[new Button(c.Name, $"cl:{c.Id}")]).ToList();
        if (clients.Count > page * ClientsPerPage)
        {
            rows.Add([new Button(t["chat.button.more"], "more")]);
        }

        rows.Add(page > 1 ? [new Button(t["chat.button.clients"], "cl"), new Button(t["chat.button.menu"], MenuData)] : [new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    private Screen Client(ChatText t, ChatSession session)
    {
        var client = actions.ClientOf(session, session.ClientId)!;
        var rule = billing.Agency.Rule(client.Id);
        var ruleText = rule is null
            ? t["chat.client.noRule"]
            : t["chat.client.rule", ("amount", t.Money(rule.Amount, client.Currency)), ("threshold", t.Money(rule.Threshold, client.Currency)), ("limit", t.Money(rule.Limit, client.Currency)), ("period", rule.Period), ("state", ChatText.Raw(t[rule.Enabled ? "chat.rule.enabled" : "chat.rule.disabled"]))];
        var rows = new List<IReadOnlyList<Button>>
        {
            new[] { new Button(t["chat.button.transfer"], "tr"), new Button(t["chat.button.return"], "rt") },
            new[] { new Button(t["chat.button.rule"], "rule") },
        };
        if (rule is not null)
        {
            rows[1] = [.. rows[1], new Button(t[rule.Enabled ? "chat.button.ruleOff" : "chat.button.ruleOn"], rule.Enabled ? "ruletoggle:off" : "ruletoggle:on")];
        }

        rows.Add([new Button(t["chat.button.clients"], "cl"), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(t["chat.client", ("name", client.Name), ("balance", t.Money(client.Balance, client.Currency)), ("tariff", t.Money(client.DailyTariff, client.Currency)), ("rule", ChatText.Raw(ruleText))], rows);
    }

    private Screen AgencyAmount(ChatText t, ChatSession session)
    {
        var client = actions.ClientOf(session, session.ClientId)!;
        var key = session.State switch
        {
            DialogState.TransferAmount => "chat.transfer.amount",
            DialogState.ReturnAmount => "chat.return.amount",
            DialogState.RuleAmount => "chat.rule.amount",
            DialogState.RuleThreshold => "chat.rule.threshold",
            _ => "chat.rule.limit",
        };
        var agency = billing.Accounts.Get(session.AccountId!.Value);
        return Screen.Of(t[key, ("name", client.Name), ("balance", t.Money(client.Balance, client.Currency)), ("agencyBalance", t.Money(agency.Balance, agency.Currency))], [new Button(t["chat.button.cancel"], $"cl:{client.Id}")]);
    }

    private Screen AgencyConfirm(ChatText t, ChatSession session)
    {
        var client = actions.ClientOf(session, session.ClientId)!;
        var key = session.State == DialogState.TransferConfirm ? "chat.transfer.confirm" : "chat.return.confirm";
        return Screen.Of(t[key, ("name", client.Name), ("amount", t.Money(session.Amount ?? 0, client.Currency))], [new Button(t["chat.button.confirm"], "ok"), new Button(t["chat.button.cancel"], $"cl:{client.Id}")]);
    }

    private static Screen RulePeriod(ChatText t, ChatSession session) => new(
        t["chat.rule.period"],
        [[.. Enum.GetValues<LimitPeriod>().Select(p => new Button(t["chat.rule.per." + p], $"per:{p}"))], [new Button(t["chat.button.cancel"], $"cl:{session.ClientId}")]]);

    private Screen RuleConfirm(ChatText t, ChatSession session)
    {
        var client = actions.ClientOf(session, session.ClientId)!;
        return Screen.Of(
            t["chat.rule.confirm", ("name", client.Name), ("amount", t.Money(session.Amount ?? 0, client.Currency)), ("threshold", t.Money(session.Threshold ?? 0, client.Currency)), ("limit", t.Money(session.Limit ?? 0, client.Currency)), ("period", session.Period ?? LimitPeriod.Day)],
            [new Button(t["chat.button.confirm"], "ok"), new Button(t["chat.button.cancel"], $"cl:{client.Id}")]);
    }
}
