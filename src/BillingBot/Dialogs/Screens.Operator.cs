using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Chat;

namespace BillingBot.Dialogs;

/// <summary>The operator's screens: finding an account, and its card.</summary>
internal sealed partial class Screens
{
    public static Screen OperatorFind(View v) => new(v.T["op.find"], MenuRow(v));

    public Screen OperatorResults(View v, OperatorSearchFlow flow)
    {
        var t = v.T;
        var found = billing.Accounts.Search(flow.Query, ChatActions.FoundShown + 1);
        var text = found.Count == 0 ? t["op.none", ("query", flow.Query)]
            : found.Count > ChatActions.FoundShown ? t["op.many", ("query", flow.Query), ("count", ChatActions.FoundShown)]
            : t["op.found", ("query", flow.Query)];
        var rows = found.Take(ChatActions.FoundShown)
            .Select(a => (IReadOnlyList<Button>)[new Button(ChatText.Escape(t["op.result", ("id", a.Id), ("name", a.Name), ("balance", t.Money(a.Balance, a.Currency))]), Presses.OperatorAccount.Data(a.Id))])
            .Concat(MenuRow(v))
            .ToList();
        return new Screen(text, rows);
    }

    public Screen OperatorAccount(View v, OperatorAccountFlow flow)
    {
        var t = v.T;
        var (account, forecast, _) = billing.Accounts.Summary(flow.AccountId);
        var members = billing.Members.MembersOf(account.Id);
        var unpaid = billing.Invoices.List(account.Id).Where(i => i.Status == InvoiceStatus.Unpaid).ToList();
        var owed = billing.Promises.Offer(account.Id).Unsettled;
        var lines = new List<string>
        {
            t["op.card", ("id", account.Id), ("name", account.Name), ("kind", account.Kind), ("external", account.ExternalId ?? "—"), ("balance", t.Money(account.Balance, account.Currency)), ("lasts", ChatText.Raw(t.Lasts(forecast, account.Balance))), ("tariff", ChatText.Raw(Tariff(t, account))), ("zone", account.TimeZone)],
            t["op.card.members", ("members", members.Count == 0 ? t["op.card.nobody"] : string.Join(", ", members.Select(m => t["op.card.member", ("name", t.MemberName(m)), ("role", m.Role)])))],
            unpaid.Count == 0 ? t["op.card.noInvoices"] : t["op.card.invoices", ("count", unpaid.Count), ("amount", t.Money(unpaid.Sum(i => i.Amount), account.Currency))],
            owed.Count == 0 ? t["op.card.noPromises"] : t["op.card.promises", ("promises", ChatText.Raw(string.Join("; ", owed.Select(p => t.Owed(p, account.Currency)))))],
        };
        if (account.Kind == AccountKind.Customer && account.AgencyId is { } agency && billing.Agency.Rule(account.Id) is { } rule)
        {
            lines.Add(t["op.card.rule", ("agency", billing.Accounts.Get(agency).Name), ("amount", t.Money(rule.Amount, account.Currency)), ("threshold", t.Money(rule.Threshold, account.Currency)), ("state", ChatText.Raw(t[rule.Enabled ? "chat.rule.enabled" : "chat.rule.disabled"]))]);
        }

        return new Screen(string.Join("\n", lines), [[new Button(t["op.button.back"], Presses.OperatorBack.Data()), new Button(t["op.button.find"], Presses.Operator.Data())], .. MenuRow(v)]);
    }

    /// <summary>Menu, for an operator who also belongs to an account; one who belongs to none has no menu.</summary>
    private static IReadOnlyList<IReadOnlyList<Button>> MenuRow(View v) =>
        v.Memberships.Count > 0 ? [[new Button(v.T["chat.button.menu"], MenuData)]] : [];
}
