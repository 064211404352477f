using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Chat;
using BillingBot.Localization;

namespace BillingBot.Dialogs;

/// <summary>Draws each dialog state of a chat as a screen: text and buttons.</summary>
internal sealed partial class Screens(BillingService billing, ChatActions actions)
{
    public static readonly string MenuData = Presses.Menu.Data();

    /// <summary>Callback data of "Pay in Telegram" under an unpaid invoice, handled by the Telegram front-end.</summary>
    public const string PayInTelegramData = "tgpay:";

    public bool PayInTelegram { get; set; }

    public Screen Render(ChatSession session, ChatText t, IReadOnlyList<Membership> memberships, string? note = null, bool isOperator = false)
    {
        var view = new View(session, t, memberships, isOperator);
        var clientGone = session.Flow is ClientFlow flow && actions.ClientOf(session, flow.ClientId) is null;
        var declared = ChatDialog.Declared(session.State);
        // An operator's screen is drawn for an operator only: one taken off Telegram:AdminIds sees no card again.
        var screen = session.AccountId is null && (declared.NeedsAccount || !isOperator)
            ? (memberships.Count > 0 ? ChooseAccount(view) : isOperator ? OperatorFind(view) : NotLinked(t))
            : clientGone || (!declared.NeedsAccount && !isOperator) ? Menu(view) : declared.Show(this, view);
        return note is null ? screen : screen with { Text = note + "\n\n" + screen.Text };
    }

    private static Screen NotLinked(ChatText t) => Screen.Of(t["chat.notLinked"]);

    public Screen ChooseAccount(View v) =>
        new(v.T["chat.chooseAccount"], v.Memberships
            .Select(m => (IReadOnlyList<Button>)[new Button(ChatText.Escape(billing.Accounts.Get(m.AccountId).Name), Presses.Pick.Data(m.AccountId))])
            .ToList());

    public Screen Menu(View v)
    {
        var t = v.T;
        var account = billing.Accounts.Get(v.AccountId);
        var rows = new List<IReadOnlyList<Button>>
        {
            new[] { new Button(t["chat.button.balance"], Presses.Balance.Data()), new Button(t["chat.button.topUp"], Presses.TopUp.Data()) },
            new[] { new Button(t["chat.button.invoices"], Presses.Invoices.Data()), new Button(t["chat.button.history"], Presses.History.Data()) },
            new[] { new Button(t["chat.button.promise"], Presses.Promise.Data()), new Button(t["chat.button.settings"], Presses.Settings.Data()) },
        };
        if (account.Kind == AccountKind.Agency)
        {
            rows.Add([new Button(t["chat.button.clients"], Presses.Clients.Data())]);
        }

        // The menu is shown for any state it falls back to, so it asks the menu's own step.
        rows.Add([
            new Button(t["chat.button.members"], Presses.Members.Data()),
            .. ChatDialog.Offers(DialogState.Menu, Presses.Invite.Trigger, v.Rights) ? [new Button(t["chat.button.invite"], Presses.Invite.Data())] : Array.Empty<Button>(),
        ]);

        if (v.Memberships.Count > 1)
        {
            rows.Add([new Button(t["chat.button.otherAccount"], Presses.ChooseAccount.Data())]);
        }

        if (ChatDialog.Offers(DialogState.Menu, Presses.Operator.Trigger, v.Rights))
        {
            rows.Add([new Button(t["op.button.find"], Presses.Operator.Data())]);
        }

        return new Screen(t["chat.menu", ("name", account.Name), ("balance", t.Money(account.Balance, account.Currency))], rows);
    }

    public Screen Balance(View v)
    {
        var t = v.T;
        var (account, forecast, _) = billing.Accounts.Summary(v.AccountId);
        var lasts = t.Lasts(forecast, account.Balance);
        return Screen.Of(
            t["chat.balance", ("name", account.Name), ("balance", t.Money(account.Balance, account.Currency)), ("tariff", ChatText.Raw(Tariff(t, account))), ("lasts", ChatText.Raw(lasts))],
            [new Button(t["chat.button.topUp"], Presses.TopUp.Data()), new Button(t["chat.button.chart"], Presses.Chart.Data())],
            [new Button(t["chat.button.menu"], MenuData)]);
    }

    public Screen TopUpAmount(View v)
    {
        var t = v.T;
        var (account, forecast, _) = billing.Accounts.Summary(v.AccountId);
        // Without charges there is nothing to recommend, and an amount no invoice may have is not offered: the person types one.
        var limits = billing.Settings.Invoices;
        IReadOnlyList<Button> recommended =
        [
            .. new[] { (Days: 10, Amount: forecast.TenDays), (Days: 30, Amount: forecast.ThirtyDays) }
                .Where(r => r.Amount > 0 && r.Amount >= limits.MinAmount && r.Amount <= limits.MaxAmount)
                .Select(r => new Button(t["chat.topUp.days", ("days", t.Days(r.Days)), ("amount", t.Money(r.Amount, account.Currency))], Presses.Amount.Data(r.Amount))),
        ];
        // What the amounts are based on, so a one-off large charge that raised them surprises nobody.
        var basis = forecast.LargestOn is { } day
            ? t["chat.topUp.basis", ("amount", t.Money(forecast.LargestDailyCharge, account.Currency)), ("date", t.Date(day))]
            : t["chat.topUp.basisTariff", ("amount", t.Money(forecast.LargestDailyCharge, account.Currency))];
        var range = new (string, object?)[] { ("min", t.Money(limits.MinAmount, account.Currency)), ("max", t.Money(limits.MaxAmount, account.Currency)) };
        var text = recommended.Count > 0 ? t["chat.topUp.amount", range] + "\n" + basis : t["chat.topUp.typeAmount", range];
        return new Screen(text, [.. new[] { recommended }.Where(r => r.Count > 0), [new Button(t["chat.button.cancel"], MenuData)]]);
    }

    /// <summary>The daily tariff, or that there is none (an agency's, say): never "0.00 a day".</summary>
    public static string Tariff(ChatText t, Account account) =>
        account.DailyTariff > 0 ? ChatText.Escape(t.Money(account.DailyTariff, account.Currency)) : t["chat.balance.noTariff"];

    public Screen TopUpConfirm(View v, TopUpFlow flow)
    {
        var t = v.T;
        var account = billing.Accounts.Get(v.AccountId);
        return Screen.Of(
            t["chat.topUp.confirm", ("amount", t.Money(flow.Amount ?? 0, account.Currency)), ("name", account.Name)],
            [new Button(t["chat.button.confirm"], Presses.Confirm.Data()), new Button(t["chat.button.cancel"], MenuData)]);
    }

    /// <summary>The newest unpaid invoices shown with their buttons: Telegram takes at most 100 buttons a message.</summary>
    public const int UnpaidInvoicesShown = 10;

    public Screen Invoices(View v)
    {
        var t = v.T;
        var invoices = billing.Invoices.List(v.AccountId);
        var allUnpaid = invoices.Where(i => i.Status == InvoiceStatus.Unpaid).ToList();
        var unpaid = allUnpaid.Take(UnpaidInvoicesShown).ToList();
        var paid = invoices.Where(i => i.Status == InvoiceStatus.Paid).Take(5).ToList();
        var lines = new List<string> { t["chat.invoices.unpaid"] };
        lines.AddRange(unpaid.Count == 0 ? [t["chat.invoices.none"]] : unpaid.Select(i => t["chat.invoices.row", ("number", i.Number), ("amount", t.Money(i.Amount, i.Currency)), ("date", t.Date(t.LocalDay(i.CreatedAt)))]));
        if (allUnpaid.Count > unpaid.Count)
        {
            lines.Add(t["chat.invoices.moreUnpaid", ("count", allUnpaid.Count - unpaid.Count)]);
        }

        lines.Add("");
        lines.Add(t["chat.invoices.paid"]);
        lines.AddRange(paid.Count == 0 ? [t["chat.invoices.none"]] : paid.Select(i => t["chat.invoices.row", ("number", i.Number), ("amount", t.Money(i.AmountPaid, i.Currency)), ("date", t.Date(t.LocalDay(i.PaidAt!.Value)))]));
        var rows = new List<IReadOnlyList<Button>>();
        foreach (var i in unpaid)
        {
            rows.Add([new Button(t["chat.button.pay", ("number", i.Number)], Url: i.PaymentLink), .. PayInTelegram ? [new Button(t["chat.button.payInTelegram"], PayInTelegramData + i.Number)] : Array.Empty<Button>()]);
            rows.Add([InvoicePdf(t, i), new Button(t["chat.button.cancelInvoice", ("number", i.Number)], Presses.CancelInvoice.Data(i.Number))]);
        }

        rows.AddRange(paid.Chunk(2).Select(pair => (IReadOnlyList<Button>)[.. pair.Select(i => InvoicePdf(t, i))]));
        rows.Add([new Button(t["chat.button.topUp"], Presses.TopUp.Data()), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    public Screen CancelInvoiceConfirm(View v, CancelInvoiceFlow flow)
    {
        var t = v.T;
        var invoice = billing.Invoices.Get(flow.Number);
        return Screen.Of(
            t["chat.invoices.cancelConfirm", ("number", invoice.Number), ("amount", t.Money(invoice.Amount, invoice.Currency))],
            [new Button(t["chat.button.cancelInvoice", ("number", invoice.Number)], Presses.Confirm.Data()), new Button(t["chat.button.keepInvoice"], Presses.Invoices.Data())]);
    }

    public Screen History(View v, PageFlow flow)
    {
        var (t, page) = (v.T, flow.Page);
        var account = billing.Accounts.Get(v.AccountId);
        var history = billing.Accounts.History(v.AccountId, page);
        var lines = new List<string> { t["chat.history", ("name", account.Name), ("page", page)] };
        lines.AddRange(history.Entries.Count == 0
            ? [t["chat.history.none"]]
            : history.Entries.Select(e => t["chat.history.row", ("date", t.LocalDay(e.Time).ToString("dd.MM.yyyy", t.Culture)), ("amount", (e.Amount > 0 ? "+" : "") + t.Money(e.Amount, account.Currency)), ("description", ChatText.Raw(EntryText.Of(e, (key, args) => t[key, args], day => day.ToString("dd.MM.yyyy", t.Culture), id => billing.Accounts.Find(id)?.Name)))]));
        var rows = new List<IReadOnlyList<Button>>();
        if (history.HasMore)
        {
            rows.Add([new Button(t["chat.button.more"], Presses.More.Data())]);
        }

        rows.Add([new Button(t["chat.button.statement"], Presses.Statement.Data()), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    /// <summary>A month's statement, PDF or CSV, for each month the account has one.</summary>
    public Screen Statement(View v)
    {
        var t = v.T;
        var rows = new List<IReadOnlyList<Button>>();
        foreach (var month in actions.StatementMonths(v.AccountId))
        {
            var name = ChatActions.MonthName(t, month, capitalized: true);
            rows.Add([.. StatementChoice.Formats.Select(f => new Button(t["chat.button.statementFile", ("month", name), ("format", f.ToUpperInvariant())], Presses.StatementFile.Data(new StatementChoice(month, f))))]);
        }

        rows.Add([new Button(t["chat.button.history"], Presses.History.Data()), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(t["chat.statement", ("name", billing.Accounts.Get(v.AccountId).Name)], rows);
    }

    private static Button InvoicePdf(ChatText t, Invoice invoice) => new(t["chat.button.invoicePdf", ("number", invoice.Number)], Presses.InvoicePdf.Data(invoice.Number));

    public Screen Promise(View v)
    {
        var t = v.T;
        var account = billing.Accounts.Get(v.AccountId);
        var offer = billing.Promises.Offer(v.AccountId);
        var lines = new List<string>
        {
            offer.Available
                ? t["chat.promise.available", ("max", t.Money(offer.MaxAmount, account.Currency)), ("days", t.Days(offer.TermDays))]
                : t.Error(new BillingException(offer.Refusal!.Value, ("amount", 0m), ("max", offer.MaxAmount), ("currency", account.Currency), ("limit", offer.MaxPerMonth), ("days", offer.TermDays))),
        };
        lines.AddRange(offer.Unsettled.Select(p => t.Owed(p, account.Currency)));
        var rows = new List<IReadOnlyList<Button>>();
        if (offer.Available && v.Offers(Presses.Take))
        {
            rows.Add([new Button(t["chat.button.takePromise"], Presses.Take.Data())]);
        }

        if (v.Offers(Presses.Repay))
        {
            rows.AddRange(offer.Unsettled.Select(p => (IReadOnlyList<Button>)[new Button(t["chat.button.repay", ("amount", t.Money(p.Outstanding, account.Currency))], Presses.Repay.Data(p.Id))]));
        }

        rows.Add([new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    public Screen PromiseAmount(View v)
    {
        var t = v.T;
        var account = billing.Accounts.Get(v.AccountId);
        var offer = billing.Promises.Offer(v.AccountId);
        return Screen.Of(
            t["chat.promise.amount", ("max", t.Money(offer.MaxAmount, account.Currency))],
            [new Button(t.Money(offer.MaxAmount, account.Currency), Presses.Amount.Data(offer.MaxAmount))],
            [new Button(t["chat.button.cancel"], MenuData)]);
    }

    public Screen PromiseConfirm(View v, PromiseFlow flow)
    {
        var t = v.T;
        var account = billing.Accounts.Get(v.AccountId);
        var offer = billing.Promises.Offer(v.AccountId);
        return Screen.Of(
            t["chat.promise.confirm", ("amount", t.Money(flow.Amount ?? 0, account.Currency)), ("days", t.Days(offer.TermDays))],
            [new Button(t["chat.button.confirm"], Presses.Confirm.Data()), new Button(t["chat.button.cancel"], MenuData)]);
    }

    public Screen Settings(View v)
    {
        var (t, session) = (v.T, v.Session);
        var account = billing.Accounts.Get(v.AccountId);
        var alert = account.LowBalanceDays > 0 ? t["chat.settings.alertDays", ("days", t.Days(account.LowBalanceDays))] : t["chat.settings.alertOff"];
        if (account.LowBalanceMoney is { } floor)
        {
            alert = t[account.LowBalanceDays > 0 ? "chat.settings.alertDaysOrMoney" : "chat.settings.alertMoney", ("days", ChatText.Raw(alert)), ("amount", t.Money(floor, account.Currency))];
        }

        var rows = new List<IReadOnlyList<Button>>
        {
            new[] { new Button("English", Presses.Language.Data("en")), new Button("Русский", Presses.Language.Data("ru")) },
            new[] { new Button(t[session.DigestEnabled ? "chat.button.digestOff" : "chat.button.digestOn"], Presses.ToggleDigest.Data()), new Button(t["chat.button.digestTime"], Presses.AskDigestTime.Data()) },
            new[] { new Button(t["chat.button.timeZone"], Presses.AskTimeZone.Data()) },
        };
        // The alert's two thresholds are the owner's: days of money left, and an amount.
        IReadOnlyList<Button> alertButtons =
        [
            .. v.Offers(Presses.AskLowBalanceDays) ? [new Button(t["chat.button.lowBalance"], Presses.AskLowBalanceDays.Data())] : Array.Empty<Button>(),
            .. v.Offers(Presses.AskLowBalanceMoney) ? [new Button(t["chat.button.lowBalanceMoney"], Presses.AskLowBalanceMoney.Data())] : Array.Empty<Button>(),
        ];
        if (alertButtons.Count > 0)
        {
            rows.Add(alertButtons);
        }

        rows.Add([new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(
            t["chat.settings", ("language", ChatText.Raw(t["language." + session.Language])), ("digest", ChatText.Raw(t[session.DigestEnabled ? "chat.settings.digestOn" : "chat.settings.digestOff", ("time", session.DigestTime)])), ("zone", session.TimeZone), ("alert", ChatText.Raw(alert))],
            rows);
    }

    public Screen AskLowBalanceMoney(View v)
    {
        var account = billing.Accounts.Get(v.AccountId);
        return Screen.Of(v.T["chat.settings.askMoney", ("name", account.Name), ("currency", account.Currency)], [new Button(v.T["chat.button.cancel"], Presses.Settings.Data())]);
    }

    public static Screen Ask(View v, string key) => Screen.Of(v.T[key], [new Button(v.T["chat.button.cancel"], Presses.Settings.Data())]);

    /// <summary>The time zone step: the zones most asked for in the chat's language as buttons, any other typed.</summary>
    public static Screen AskZone(View v)
    {
        var zones = v.T["chat.settings.zoneButtons"].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(z => z.Split(' ', 2))
            .Select(z => new Button(z[1], Presses.Typed.Data(z[0])));
        return new Screen(v.T["chat.settings.askZone"], [.. zones.Chunk(3), [new Button(v.T["chat.button.cancel"], Presses.Settings.Data())]]);
    }
}
