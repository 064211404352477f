using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Members;
using BillingBot.Chat;
using BillingBot.Documents;
using BillingBot.Input;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>Turns a text or a button press into a dialog trigger and does what it means on the ledger; returns a note to show.</summary>
internal sealed partial class ChatActions(BillingService billing, DocumentService documents, TimeProvider time, DialogOptions options)
{
    /// <summary>The bot's @username for invitation links; unknown in the console chat.</summary>
    public string? BotUsername { get; set; }

    public string? Act(ChatContext c)
    {
        var dialog = c.Dialog;
        if (c.Incoming.Callback is not { } data)
        {
            return OnText(c, c.Incoming.Text?.Trim() ?? "");
        }

        var (action, argument) = data.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (data[..colon], data[(colon + 1)..]) : (data, "");
        if (c.AccountId is null)
        {
            // Before an account is chosen only picking one means anything.
            return action == "acc" && argument.Length > 0 ? Pick(c, argument) : null;
        }

        if (TriggerOf(action, argument) is not { } trigger || !dialog.CanFire(trigger) || (IsStep(trigger) && !FromCurrentScreen(c)))
        {
            return c.T["chat.stale"];
        }

        if (NeedsOwner(trigger, dialog.State) && !c.IsOwner)
        {
            return c.T["chat.ownersOnly"];
        }

        return trigger switch
        {
            Trigger.Pick => Pick(c, argument),
            Trigger.TopUp when argument.Length > 0 => Pick(c, argument) ?? Fire(c, Trigger.TopUp, s => s),
            Trigger.Amount => decimal.TryParse(argument, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? EnterAmount(c, amount) : c.T["chat.stale"],
            Trigger.Confirm => Confirm(c),
            Trigger.CancelInvoice => CancelInvoice(c, argument),
            Trigger.Repay => Repay(c, argument),
            Trigger.More => Fire(c, trigger, s => s with { Page = s.Page + 1 }),
            Trigger.InvoicePdf => InvoicePdf(c, argument),
            Trigger.Chart => Chart(c),
            Trigger.StatementFile => StatementFile(c, argument),
            Trigger.Invite => Invite(c),
            Trigger.OpenClient => OpenClient(c, argument),
            Trigger.ToggleRule => ToggleRule(c, argument),
            // By name only: Enum.TryParse also takes any number ("per:5"), which no period is.
            Trigger.Period => Enum.GetNames<Billing.Agency.LimitPeriod>().FirstOrDefault(n => n.Equals(argument, StringComparison.OrdinalIgnoreCase)) is { } period
                ? Fire(c, trigger, s => s with { Period = Enum.Parse<Billing.Agency.LimitPeriod>(period) })
                : c.T["chat.stale"],
            Trigger.Language => Fire(c, trigger, s => s with { Language = argument == "ru" ? "ru" : "en", LanguageChosen = true }),
            Trigger.ToggleDigest => Fire(c, trigger, s => s with { DigestEnabled = !s.DigestEnabled }),
            _ => Fire(c, trigger, s => s),
        };
    }

    private static Trigger? TriggerOf(string action, string argument) => action switch
    {
        "m" => Trigger.Menu,
        "acc" => argument.Length == 0 ? Trigger.ChooseAccount : Trigger.Pick,
        "invite" => Trigger.Invite,
        "bal" => Trigger.Balance,
        "top" => Trigger.TopUp,
        "amt" => Trigger.Amount,
        "ok" => Trigger.Confirm,
        "inv" => Trigger.Invoices,
        "cx" => Trigger.CancelInvoice,
        "hist" => Trigger.History,
        "more" => Trigger.More,
        "pdf" => Trigger.InvoicePdf,
        "chart" => Trigger.Chart,
        "st" => argument.Length == 0 ? Trigger.Statement : Trigger.StatementFile,
        "prom" => Trigger.Promise,
        "take" => Trigger.Take,
        "repay" => Trigger.Repay,
        "cl" => argument.Length == 0 ? Trigger.Clients : Trigger.OpenClient,
        "tr" => Trigger.Transfer,
        "rt" => Trigger.Return,
        "rule" => Trigger.SetRule,
        "ruletoggle" => Trigger.ToggleRule,
        "per" => Trigger.Period,
        "set" => Trigger.Settings,
        "lang" => Trigger.Language,
        "dig" => Trigger.ToggleDigest,
        "dt" => Trigger.AskDigestTime,
        "tz" => Trigger.AskTimeZone,
        "thr" => Trigger.AskLowBalanceDays,
        _ => null,
    };

    /// <summary>Buttons that act on the current step; going to a screen (Menu, Balance…) works from any message.</summary>
    private static bool IsStep(Trigger trigger) => trigger is not (Trigger.Menu or Trigger.ChooseAccount or Trigger.Balance or Trigger.TopUp
        or Trigger.Invoices or Trigger.History or Trigger.Promise or Trigger.Clients or Trigger.OpenClient or Trigger.Settings
        or Trigger.InvoicePdf or Trigger.Chart or Trigger.Statement or Trigger.StatementFile);

    /// <summary>A step's button under an older message (an earlier flow's Confirm, say) must not act on the flow in progress.</summary>
    private static bool FromCurrentScreen(ChatContext c) =>
        c.Dialog.Session.ScreenMessageId is not { } current || c.Incoming.MessageId is not { } pressed || current == pressed;

    /// <summary>Managers see everything but move no money and change no rules.</summary>
    private static bool NeedsOwner(Trigger trigger, DialogState state) =>
        trigger is Trigger.Take or Trigger.Repay or Trigger.Invite or Trigger.Transfer or Trigger.Return or Trigger.SetRule or Trigger.ToggleRule or Trigger.AskLowBalanceDays
        || (trigger == Trigger.Confirm && state is DialogState.PromiseConfirm or DialogState.TransferConfirm or DialogState.ReturnConfirm or DialogState.RuleConfirm);

    private string? OnText(ChatContext c, string text)
    {
        var dialog = c.Dialog;
        var command = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        switch (command.FirstOrDefault()?.Split('@')[0])
        {
            case "/start" when command.Length == 2:
                dialog.Reset();
                return Link(c, command[1]);
            case "/start" or "/menu":
                dialog.Reset();
                return null;
            case "/cancel":
                var wasInFlow = dialog.State != DialogState.Menu;
                dialog.Reset();
                return wasInFlow ? c.T["chat.cancelled"] : null;
            case "/help":
                return c.T["chat.help"];
            case "/balance" when c.AccountId is not null:
                // Shortcuts to the menu's first buttons, from wherever the chat was.
                dialog.Reset();
                return Fire(c, Trigger.Balance, s => s);
            case "/topup" when c.AccountId is not null:
                dialog.Reset();
                return Fire(c, Trigger.TopUp, s => s);
        }

        if (c.AccountId is null)
        {
            return null;
        }

        if (dialog.WantsText)
        {
            return OnSetting(c, text);
        }

        if (!dialog.WantsAmount)
        {
            return c.T["chat.useButtons"];
        }

        return AmountParser.TryParse(text, out var typed) ? EnterAmount(c, typed) : c.T["chat.amountHint"];
    }

    /// <summary>An amount typed or tapped: checked here already, so a mistake is said at once rather than at confirmation.</summary>
    private string? EnterAmount(ChatContext c, decimal amount)
    {
        var account = billing.Accounts.Get(c.AccountId!.Value);
        return c.Dialog.State switch
        {
            DialogState.RuleThreshold => Fire(c, Trigger.Amount, s => s with { Threshold = Money.Round(amount, account.Currency) == amount ? amount : throw new BillingException(BillingError.AmountTooPrecise, ("amount", amount), ("currency", account.Currency), ("decimals", Money.Decimals(account.Currency))) }),
            DialogState.RuleLimit => Fire(c, Trigger.Amount, s => s with { Limit = Money.Require(amount, account.Currency, decimal.MaxValue) }),
            _ => Fire(c, Trigger.Amount, s => s with { Amount = Money.Require(amount, account.Currency, decimal.MaxValue) }),
        };
    }

    private string? Confirm(ChatContext c)
    {
        var dialog = c.Dialog;
        var accountId = c.AccountId!.Value;
        var amount = dialog.Session.Amount ?? 0;
        switch (dialog.State)
        {
            case DialogState.TopUpConfirm:
                var invoice = billing.Invoices.Issue(accountId, amount, c.Key);
                dialog.Fire(Trigger.Confirm);
                return c.T["chat.topUp.issued", ("number", invoice.Number)];
            case DialogState.PromiseConfirm:
                var promise = billing.Promises.Take(accountId, amount, c.Key);
                dialog.Fire(Trigger.Confirm);
                return c.T["chat.promise.taken", ("date", c.T.Date(promise.DueOn))];
            default:
                return ConfirmAgency(c);
        }
    }

    private string? CancelInvoice(ChatContext c, string number)
    {
        var invoice = billing.Invoices.Get(number);
        if (invoice.AccountId != c.AccountId)
        {
            return c.T["chat.forbidden"];
        }

        billing.Invoices.Cancel(invoice.Number);
        c.Dialog.Fire(Trigger.CancelInvoice);
        return c.T["chat.invoices.cancelled", ("number", invoice.Number)];
    }

    private string? Repay(ChatContext c, string argument)
    {
        var accountId = c.AccountId!.Value;
        if (!int.TryParse(argument, CultureInfo.InvariantCulture, out var promiseId) || billing.Promises.Offer(accountId).Unsettled.All(p => p.Id != promiseId))
        {
            return c.T["chat.forbidden"];
        }

        billing.Promises.Repay(accountId);
        c.Dialog.Fire(Trigger.Repay);
        return c.T["chat.promise.repaid"];
    }

    private string? Invite(ChatContext c)
    {
        var code = billing.Members.Invite(c.AccountId!.Value, Role.Manager);
        c.Dialog.Fire(Trigger.Invite);
        return BotUsername is { } bot
            ? c.T["chat.invite.link", ("link", $"https://t.me/{bot}?start={code}"), ("code", code), ("hours", c.T.Hours((int)billing.Settings.Accounts.InvitationLifetime.TotalHours))]
            : c.T["chat.invite.code", ("code", code), ("hours", c.T.Hours((int)billing.Settings.Accounts.InvitationLifetime.TotalHours))];
    }

    private static string? Pick(ChatContext c, string argument)
    {
        if (!int.TryParse(argument, CultureInfo.InvariantCulture, out var id) || c.Memberships.All(m => m.AccountId != id))
        {
            return c.T["chat.forbidden"];
        }

        c.Dialog.Update(s => s with { AccountId = id });
        c.Dialog.Reset();
        return null;
    }

    private string? Link(ChatContext c, string code)
    {
        var now = time.GetUtcNow();
        var user = c.Incoming.UserId;
        var attempts = billing.Store.Collection<WrongCodes>("wrongCodes");
        var recent = (billing.Store.Read(() => attempts.FindById(user))?.Times ?? []).Where(w => now - w < TimeSpan.FromHours(1)).ToList();
        if (recent.Count >= options.MaxWrongCodesPerHour)
        {
            return c.T["chat.link.tooMany"];
        }

        try
        {
            var membership = billing.Members.Redeem(code, c.Incoming.UserId);
            c.Memberships = billing.Members.AccountsOf(c.Incoming.UserId);
            c.Dialog.Update(s => s with { AccountId = membership.AccountId });
            return c.T["chat.link.done", ("name", billing.Accounts.Get(membership.AccountId).Name), ("role", membership.Role)];
        }
        catch (BillingException e) when (e.Error == BillingError.InvalidInvitation)
        {
            billing.Store.Write(() => attempts.Upsert(new WrongCodes(user, [.. recent, now])));
            return c.T.Error(e);
        }
    }

    private static string? Fire(ChatContext c, Trigger trigger, Func<ChatSession, ChatSession> change)
    {
        c.Dialog.Fire(trigger, change);
        return null;
    }
}
