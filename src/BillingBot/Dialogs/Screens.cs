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
    public const string MenuData = "m";

    /// <summary>Callback data of "Pay in Telegram" under an unpaid invoice, handled by the Telegram front-end.</summary>
    public const string PayInTelegramData = "tgpay:";

    public bool PayInTelegram { get; set; }

    public Screen Render(ChatSession session, ChatText t, IReadOnlyList<Membership> memberships, string? note = null)
    {
        var clientGone = session.State is >= DialogState.Client and <= DialogState.RuleConfirm && actions.ClientOf(session, session.ClientId) is null;
        var screen = session.AccountId is not { } accountId
            ? (memberships.Count == 0 ? NotLinked(t) : ChooseAccount(t, memberships))
            : clientGone
            ? Menu(t, accountId, memberships)
            : session.State switch
            {
                DialogState.ChooseAccount => ChooseAccount(t, memberships),
                DialogState.Balance => Balance(t, accountId),
                DialogState.TopUpAmount => TopUpAmount(t, accountId),
                DialogState.TopUpConfirm => TopUpConfirm(t, accountId, session.Amount!.Value),
                DialogState.Invoices => Invoices(t, accountId),
                DialogState.History => History(t, accountId, session.Page),
                DialogState.Statement => Statement(t, accountId),
                DialogState.Promise => Promise(t, accountId),
                DialogState.PromiseAmount => PromiseAmount(t, accountId),
                DialogState.PromiseConfirm => PromiseConfirm(t, accountId, session.Amount!.Value),
                DialogState.Clients => Clients(t, accountId, session.Page),
                DialogState.Client => Client(t, session),
                DialogState.TransferAmount or DialogState.ReturnAmount or DialogState.RuleAmount or DialogState.RuleThreshold or DialogState.RuleLimit => AgencyAmount(t, session),
                DialogState.TransferConfirm or DialogState.ReturnConfirm => AgencyConfirm(t, session),
                DialogState.RulePeriod => RulePeriod(t, session),
                DialogState.RuleConfirm => RuleConfirm(t, session),
                DialogState.Settings => Settings(t, session, accountId),
                DialogState.DigestTime => Ask(t, "chat.settings.askTime"),
                DialogState.TimeZone => Ask(t, "chat.settings.askZone"),
                DialogState.LowBalanceDays => Ask(t, "chat.settings.askDays"),
                _ => Menu(t, accountId, memberships),
            };
        return note is null ? screen : screen with { Text = note + "\n\n" + screen.Text };
    }

    private static Screen NotLinked(ChatText t) => Screen.Of(t["chat.notLinked"]);

    private Screen ChooseAccount(ChatText t, IReadOnlyList<Membership> memberships) =>
        new(t["chat.chooseAccount"], memberships
            .Select(m => (IReadOnlyList<Button>)[new Button(billing.Accounts.Get(m.AccountId).Name, $"acc:{m.AccountId}")])
            .ToList());

    private Screen Menu(ChatText t, int accountId, IReadOnlyList<Membership> memberships)
    {
        var several = memberships.Count > 1;
        var owner = memberships.Any(m => m.AccountId == accountId && m.Role == Role.Owner);
        var account = billing.Accounts.Get(accountId);
        var rows = new List<IReadOnlyList<Button>>
        {
            new[] { new Button(t["chat.button.balance"], "bal"), new Button(t["chat.button.topUp"], "top") },
            new[] { new Button(t["chat.button.invoices"], "inv"), new Button(t["chat.button.history"], "hist") },
            new[] { new Button(t["chat.button.promise"], "prom"), new Button(t["chat.button.settings"], "set") },
        };
        if (account.Kind == AccountKind.Agency)
        {
            rows.Add([new Button(t["chat.button.clients"], "cl")]);
        }

        if (owner)
        {
            rows.Add([new Button(t["chat.button.invite"], "invite")]);
        }

        if (several)
        {
            rows.Add([new Button(t["chat.button.otherAccount"], "acc")]);
        }

        return new Screen(t["chat.menu", ("name", account.Name), ("balance", t.Money(account.Balance, account.Currency))], rows);
    }

    private Screen Balance(ChatText t, int accountId)
    {
        var (account, forecast, _) = billing.Accounts.Summary(accountId);
        var lasts = t.Lasts(forecast, account.Balance);
        return Screen.Of(
            t["chat.balance", ("name", account.Name), ("balance", t.Money(account.Balance, account.Currency)), ("tariff", t.Money(account.DailyTariff, account.Currency)), ("lasts", ChatText.Raw(lasts))],
            [new Button(t["chat.button.topUp"], "top"), new Button(t["chat.button.chart"], "chart")],
            [new Button(t["chat.button.menu"], MenuData)]);
    }

    private Screen TopUpAmount(ChatText t, int accountId)
    {
        var (account, forecast, _) = billing.Accounts.Summary(accountId);
        // Without charges there is nothing to recommend, and an amount no invoice may have is not offered: the person types one.
        var limits = billing.Settings.Invoices;
        IReadOnlyList<Button> recommended =
        [
            .. new[] { (Days: 10, Amount: forecast.TenDays), (Days: 30, Amount: forecast.ThirtyDays) }
                .Where(r => r.Amount > 0 && r.Amount >= limits.MinAmount && r.Amount <= limits.MaxAmount)
                .Select(r => new Button(t["chat.topUp.days", ("days", t.Days(r.Days)), ("amount", t.Money(r.Amount, account.Currency))], AmountData(r.Amount))),
        ];
        // What the amounts are based on, so a one-off large charge that raised them surprises nobody.
        var basis = forecast.LargestOn is { } day
            ? t["chat.topUp.basis", ("amount", t.Money(forecast.LargestDailyCharge, account.Currency)), ("date", t.Date(day))]
            : t["chat.topUp.basisTariff", ("amount", t.Money(forecast.LargestDailyCharge, account.Currency))];
        var text = recommended.Count > 0 ? t["chat.topUp.amount"] + "\n" + basis : t["chat.topUp.amount"];
        return new Screen(text, [.. new[] { recommended }.Where(r => r.Count > 0), [new Button(t["chat.button.cancel"], MenuData)]]);
    }

    private Screen TopUpConfirm(ChatText t, int accountId, decimal amount)
    {
        var account = billing.Accounts.Get(accountId);
        return Screen.Of(
            t["chat.topUp.confirm", ("amount", t.Money(amount, account.Currency)), ("name", account.Name)],
            [new Button(t["chat.button.confirm"], "ok"), new Button(t["chat.button.cancel"], MenuData)]);
    }

    /// <summary>The newest unpaid invoices shown with their buttons: Telegram takes at most 100 buttons a message.</summary>
    public const int UnpaidInvoicesShown = 10;

    private Screen Invoices(ChatText t, int accountId)
    {
        var invoices = billing.Invoices.List(accountId);
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
            rows.Add([InvoicePdf(t, i), new Button(t["chat.button.cancelInvoice", ("number", i.Number)], $"cx:{i.Number}")]);
        }

        rows.AddRange(paid.Chunk(2).Select(pair => (IReadOnlyList<Button>)[.. pair.Select(i => InvoicePdf(t, i))]));
        rows.Add([new Button(t["chat.button.topUp"], "top"), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    private Screen History(ChatText t, int accountId, int page)
    {
        var account = billing.Accounts.Get(accountId);
        var history = billing.Accounts.History(accountId, page);
        var lines = new List<string> { t["chat.history", ("name", account.Name), ("page", page)] };
        lines.AddRange(history.Entries.Count == 0
            ? [t["chat.history.none"]]
            : history.Entries.Select(e => t["chat.history.row", ("date", t.LocalDay(e.Time).ToString("dd.MM.yyyy", t.Culture)), ("amount", (e.Amount > 0 ? "+" : "") + t.Money(e.Amount, account.Currency)), ("description", ChatText.Raw(EntryText.Of(e, (key, args) => t[key, args], day => day.ToString("dd.MM.yyyy", t.Culture))))]));
        var rows = new List<IReadOnlyList<Button>>();
        if (history.HasMore)
        {
            rows.Add([new Button(t["chat.button.more"], "more")]);
        }

        rows.Add([new Button(t["chat.button.statement"], "st"), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    /// <summary>A month's statement, PDF or CSV, for each month the account has one.</summary>
    private Screen Statement(ChatText t, int accountId)
    {
        var rows = new List<IReadOnlyList<Button>>();
        foreach (var month in actions.StatementMonths(accountId))
        {
            var (name, data) = (ChatActions.MonthName(t, month, capitalized: true), "st:" + month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
            rows.Add([new Button(t["chat.button.statementFile", ("month", name), ("format", "PDF")], data + ":pdf"), new Button(t["chat.button.statementFile", ("month", name), ("format", "CSV")], data + ":csv")]);
        }

        rows.Add([new Button(t["chat.button.history"], "hist"), new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(t["chat.statement", ("name", billing.Accounts.Get(accountId).Name)], rows);
    }

    private static Button InvoicePdf(ChatText t, Invoice invoice) => new(t["chat.button.invoicePdf", ("number", invoice.Number)], $"pdf:{invoice.Number}");

    private Screen Promise(ChatText t, int accountId)
    {
        var account = billing.Accounts.Get(accountId);
        var offer = billing.Promises.Offer(accountId);
        var lines = new List<string>
        {
            offer.Available
                ? t["chat.promise.available", ("max", t.Money(offer.MaxAmount, account.Currency)), ("days", t.Days(offer.TermDays))]
                : t.Error(new BillingException(offer.Refusal!.Value, ("amount", 0m), ("max", offer.MaxAmount), ("currency", account.Currency), ("limit", offer.MaxPerMonth), ("days", offer.TermDays))),
        };
        lines.AddRange(offer.Unsettled.Select(p => t.Owed(p, account.Currency)));
        var rows = new List<IReadOnlyList<Button>>();
        if (offer.Available)
        {
            rows.Add([new Button(t["chat.button.takePromise"], "take")]);
        }

        rows.AddRange(offer.Unsettled.Select(p => (IReadOnlyList<Button>)[new Button(t["chat.button.repay", ("amount", t.Money(p.Outstanding, account.Currency))], $"repay:{p.Id}")]));
        rows.Add([new Button(t["chat.button.menu"], MenuData)]);
        return new Screen(string.Join("\n", lines), rows);
    }

    private Screen PromiseAmount(ChatText t, int accountId)
    {
        var account = billing.Accounts.Get(accountId);
        var offer = billing.Promises.Offer(accountId);
        return Screen.Of(
            t["chat.promise.amount", ("max", t.Money(offer.MaxAmount, account.Currency))],
            [new Button(t.Money(offer.MaxAmount, account.Currency), AmountData(offer.MaxAmount))],
            [new Button(t["chat.button.cancel"], MenuData)]);
    }

    private Screen PromiseConfirm(ChatText t, int accountId, decimal amount)
    {
        var account = billing.Accounts.Get(accountId);
        var offer = billing.Promises.Offer(accountId);
        return Screen.Of(
            t["chat.promise.confirm", ("amount", t.Money(amount, account.Currency)), ("days", t.Days(offer.TermDays))],
            [new Button(t["chat.button.confirm"], "ok"), new Button(t["chat.button.cancel"], MenuData)]);
    }

    private Screen Settings(ChatText t, ChatSession session, int accountId)
    {
        var account = billing.Accounts.Get(accountId);
        return Screen.Of(
            t["chat.settings", ("language", ChatText.Raw(t["language." + session.Language])), ("digest", ChatText.Raw(t[session.DigestEnabled ? "chat.settings.digestOn" : "chat.settings.digestOff", ("time", session.DigestTime)])), ("zone", session.TimeZone), ("alert", ChatText.Raw(account.LowBalanceDays > 0 ? t["chat.settings.alertDays", ("days", t.Days(account.LowBalanceDays))] : t["chat.settings.alertOff"]))],
            [new Button("English", "lang:en"), new Button("Русский", "lang:ru")],
            [new Button(t[session.DigestEnabled ? "chat.button.digestOff" : "chat.button.digestOn"], "dig"), new Button(t["chat.button.digestTime"], "dt")],
            [new Button(t["chat.button.timeZone"], "tz"), new Button(t["chat.button.lowBalance"], "thr")],
            [new Button(t["chat.button.menu"], MenuData)]);
    }

    private static Screen Ask(ChatText t, string key) => Screen.Of(t[key], [new Button(t["chat.button.cancel"], "set")]);

    private static string AmountData(decimal amount) => "amt:" + amount.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
