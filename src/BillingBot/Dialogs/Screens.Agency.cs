using BillingBot.Billing.Agency;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>An agency's screens: its clients, one client, and the steps of a transfer or an auto top-up rule.</summary>
internal sealed partial class Screens
{
    /// <summary>Clients shown a page at a time: Telegram takes at most 100 buttons and 4,096 characters a message.</summary>
    public const int ClientsPerPage = 20;

    public Screen Clients(View v, PageFlow flow)
    {
        var (t, page) = (v.T, flow.Page);
        var clients = billing.Accounts.ClientsOf(v.AccountId);
        var shown = clients.Skip((page - 1) * ClientsPerPage).Take(ClientsPerPage).ToList();
        var lines = new List<string> { t["chat.clients"] };
        lines.AddRange(shown.Count == 0 ? [t["chat.clients.none"]] : shown.Select(c => t["chat.clients.row", ("name", c.Name), ("balance", t.Money(c.Balance, c.Currency))]));
        var rows = shown.Select(c => (IReadOnlyList<Button>)[new Button(ChatText.Escape(c.Name), Presses.OpenClient.Data(c.Id))]).ToList();
        if (clients.Count > page * ClientsPerPage)
        {
            rows.Add([new Button(t["chat.button.more"], Presses.More.Data())]);
        }

        rows.Add(page > 1 ? [new Button(t["chat.button.clients"], Presses.Clients.Data()), new Button(t["chat.button.menu"], MenuData)] : [new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    public Screen Client(View v, ClientScreenFlow flow)
    {
        var t = v.T;
        var client = actions.ClientOf(v.Session, flow.ClientId)!;
        var rule = billing.Agency.Rule(client.Id);
        var ruleText = rule is null
            ? t["chat.client.noRule"]
            : t["chat.client.rule", ("amount", t.Money(rule.Amount, client.Currency)), ("threshold", t.Money(rule.Threshold, client.Currency)), ("limit", t.Money(rule.Limit, client.Currency)), ("period", rule.Period), ("state", ChatText.Raw(t[rule.Enabled ? "chat.rule.enabled" : "chat.rule.disabled"]))];
        IReadOnlyList<Button> money = [.. Offered(v, (Presses.Transfer, t["chat.button.transfer"]), (Presses.Return, t["chat.button.return"]))];
        IReadOnlyList<Button> rules =
        [
            .. Offered(v, (Presses.SetRule, t["chat.button.rule"])),
            .. rule is not null && v.Offers(Presses.ToggleRule) ? [new Button(t[rule.Enabled ? "chat.button.ruleOff" : "chat.button.ruleOn"], Presses.ToggleRule.Data(!rule.Enabled))] : Array.Empty<Button>(),
        ];
        IReadOnlyList<Button> back = [new Button(t["chat.button.clients"], Presses.Clients.Data()), new Button(t["chat.button.menu"], MenuData)];
        return new Screen(
            t["chat.client", ("name", client.Name), ("balance", t.Money(client.Balance, client.Currency)), ("tariff", ChatText.Raw(Tariff(t, client))), ("rule", ChatText.Raw(ruleText))],
            [.. new[] { money, rules, back }.Where(r => r.Count > 0)]);
    }

    /// <summary>The buttons of the presses the screen offers the person it is shown to.</summary>
    private static IEnumerable<Button> Offered(View v, params (Press<None> Press, string Text)[] presses) =>
        presses.Where(p => v.Offers(p.Press)).Select(p => new Button(p.Text, p.Press.Data()));

    public Screen AgencyAmount(View v, ClientFlow flow, string key)
    {
        var t = v.T;
        var client = actions.ClientOf(v.Session, flow.ClientId)!;
        var agency = billing.Accounts.Get(v.AccountId);
        return Screen.Of(t[key, ("name", client.Name), ("balance", t.Money(client.Balance, client.Currency)), ("agencyBalance", t.Money(agency.Balance, agency.Currency))], [Back(v, client.Id)]);
    }

    public Screen AgencyConfirm(View v, TransferFlow flow, string key)
    {
        var t = v.T;
        var client = actions.ClientOf(v.Session, flow.ClientId)!;
        return Screen.Of(t[key, ("name", client.Name), ("amount", t.Money(flow.Amount ?? 0, client.Currency))], [new Button(t["chat.button.confirm"], Presses.Confirm.Data()), Back(v, client.Id)]);
    }

    public static Screen RulePeriod(View v, RuleFlow flow) => new(
        v.T["chat.rule.period"],
        [[.. Enum.GetValues<LimitPeriod>().Select(p => new Button(v.T["chat.rule.per." + p], Presses.Period.Data(p)))], [Back(v, flow.ClientId)]]);

    public Screen RuleConfirm(View v, RuleFlow flow)
    {
        var t = v.T;
        var client = actions.ClientOf(v.Session, flow.ClientId)!;
        return Screen.Of(
            t["chat.rule.confirm", ("name", client.Name), ("amount", t.Money(flow.Amount ?? 0, client.Currency)), ("threshold", t.Money(flow.Threshold ?? 0, client.Currency)), ("limit", t.Money(flow.Limit ?? 0, client.Currency)), ("period", flow.Period ?? LimitPeriod.Day)],
            [new Button(t["chat.button.confirm"], Presses.Confirm.Data()), Back(v, client.Id)]);
    }

    /// <summary>Cancel on a client's flow goes back to the client.</summary>
    private static Button Back(View v, int clientId) => new(v.T["chat.button.cancel"], Presses.OpenClient.Data(clientId));
}
