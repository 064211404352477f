using BillingBot.Billing;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Chat;
using BillingBot.Documents;
using BillingBot.Input;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>Turns a text or a button press into a dialog trigger and does what it means on the ledger; returns a note to show.</summary>
internal sealed partial class ChatActions(BillingService billing, DocumentService documents, TimeProvider time, DialogOptions options)
{
    private readonly WrongCodeLog _wrongCodes = new(billing.Store);

    /// <summary>The bot's @username for invitation links; unknown in the console chat.</summary>
    public string? BotUsername { get; set; }

    public string? Act(ChatContext c)
    {
        // A command goes to its screen by the same guards a press meets.
        c.Dialog.Rights = c.Rights;
        if (c.Incoming.Callback is not { } data)
        {
            return OnText(c, c.Incoming.Text?.Trim() ?? "");
        }

        var press = Press.Parse(data);
        if (c.AccountId is null && ChatDialog.Declared(c.Dialog.State).NeedsAccount)
        {
            // Before an account is chosen only picking one means anything.
            return press is ({ Trigger: Trigger.Pick }, int account) ? Pick(c, account) : null;
        }

        return press is var (pressed, payload) ? Run(c, pressed.Trigger, payload) : c.T["chat.stale"];
    }

    /// <summary>Does the step <paramref name="trigger"/> is in the current state, if its guards let it.</summary>
    private string? Run(ChatContext c, Trigger trigger, object payload)
    {
        var dialog = c.Dialog;
        dialog.OnCurrentScreen = FromCurrentScreen(c);
        if (dialog.StepOf(trigger) is not { } step)
        {
            return c.T["chat.stale"];
        }

        return dialog.Refusal(trigger) is { } refusal ? c.T[refusal] : step.Run(this, c, payload);
    }

    /// <summary>A step's button under an older message (an earlier flow's Confirm, say) must not act on the flow in progress.</summary>
    private static bool FromCurrentScreen(ChatContext c) =>
        c.Dialog.Session.ScreenMessageId is not { } current || c.Incoming.MessageId is not { } pressed || current == pressed;

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
                // An operator who belongs to no account starts where their work is.
                return c.Operator && c.Memberships.Count == 0 ? Go(c, Trigger.Operator) : null;
            case "/operator" when c.Operator:
                dialog.Reset();
                return Go(c, Trigger.Operator);
            case "/cancel":
                var wasInFlow = dialog.State != DialogState.Menu;
                dialog.Reset();
                return wasInFlow ? c.T["chat.cancelled"] : null;
            case "/help":
                return c.T["chat.help"];
            case "/balance" when c.AccountId is not null:
                // Shortcuts to the menu's first buttons, from wherever the chat was.
                dialog.Reset();
                return Go(c, Trigger.Balance);
            case "/topup" when c.AccountId is not null:
                dialog.Reset();
                return Go(c, Trigger.TopUp);
        }

        if (c.AccountId is null && ChatDialog.Declared(dialog.State).NeedsAccount)
        {
            return null;
        }

        return dialog.Typing switch
        {
            Typing.Text => Run(c, Trigger.Typed, text),
            Typing.Amount => AmountParser.TryParse(text, out var typed) ? Run(c, Trigger.Amount, typed) : c.T["chat.amountHint"],
            _ => c.T["chat.useButtons"],
        };
    }

    /// <summary>Goes to the state <paramref name="trigger"/> leads to, which begins its flow afresh.</summary>
    public static string? Go(ChatContext c, Trigger trigger)
    {
        c.Dialog.Fire(trigger);
        return null;
    }

    /// <summary>Moves on with what the flow has collected so far.</summary>
    private static string? Next(ChatContext c, Trigger trigger, Flow flow)
    {
        c.Dialog.Fire(trigger, flow);
        return null;
    }

    public static string? NextPage(ChatContext c) => Next(c, Trigger.More, c.Dialog.Session.Flow is PageFlow page ? page with { Page = page.Page + 1 } : new PageFlow());

    /// <summary>Top up an account the chat belongs to (a button under an alert or a digest names it).</summary>
    public static string? TopUpAccount(ChatContext c, int accountId) => Pick(c, accountId) ?? Go(c, Trigger.TopUpAccount);

    /// <summary>The amount of an invoice, typed or tapped: checked here already, so a mistake is said at once rather than at confirmation.</summary>
    public string? TopUpAmount(ChatContext c, decimal amount)
    {
        billing.Invoices.Check(c.AccountId!.Value, amount);
        return Next(c, Trigger.Amount, new TopUpFlow { Amount = amount });
    }

    public string? IssueInvoice(ChatContext c)
    {
        var invoice = billing.Invoices.Issue(c.AccountId!.Value, c.Dialog.Session.Flow is TopUpFlow { Amount: { } amount } ? amount : 0, c.Key);
        c.Dialog.Fire(Trigger.Confirm);
        return c.T["chat.topUp.issued", ("number", invoice.Number)];
    }

    public string? AskCancelInvoice(ChatContext c, string number)
    {
        var invoice = billing.Invoices.Get(number);
        if (invoice.AccountId != c.AccountId)
        {
            return c.T["chat.forbidden"];
        }

        return invoice.Status == InvoiceStatus.Unpaid ? Next(c, Trigger.CancelInvoice, new CancelInvoiceFlow { Number = invoice.Number }) : c.T["chat.stale"];
    }

    public string? CancelInvoice(ChatContext c)
    {
        var number = ((CancelInvoiceFlow)c.Dialog.Session.Flow!).Number;
        billing.Invoices.Cancel(number);
        c.Dialog.Fire(Trigger.Confirm);
        return c.T["chat.invoices.cancelled", ("number", number)];
    }

    public string? PromiseAmount(ChatContext c, decimal amount)
    {
        billing.Promises.Check(c.AccountId!.Value, amount);
        return Next(c, Trigger.Amount, new PromiseFlow { Amount = amount });
    }

    public string? TakePromise(ChatContext c)
    {
        var promise = billing.Promises.Take(c.AccountId!.Value, c.Dialog.Session.Flow is PromiseFlow { Amount: { } amount } ? amount : 0, c.Key);
        c.Dialog.Fire(Trigger.Confirm);
        return c.T["chat.promise.taken", ("date", c.T.Date(promise.DueOn))];
    }

    public string? Repay(ChatContext c, int promiseId)
    {
        var accountId = c.AccountId!.Value;
        if (billing.Promises.Offer(accountId).Unsettled.All(p => p.Id != promiseId))
        {
            return c.T["chat.forbidden"];
        }

        billing.Promises.Repay(accountId);
        c.Dialog.Fire(Trigger.Repay);
        return c.T["chat.promise.repaid"];
    }

    public string? Invite(ChatContext c)
    {
        var code = billing.Members.Invite(c.AccountId!.Value, Role.Manager);
        c.Dialog.Fire(Trigger.Invite);
        return BotIdentity.Link(BotUsername, code) is { } link
            ? c.T["chat.invite.link", ("link", link), ("code", code), ("hours", c.T.Hours((int)billing.Settings.Accounts.InvitationLifetime.TotalHours))]
            : c.T["chat.invite.code", ("code", code), ("hours", c.T.Hours((int)billing.Settings.Accounts.InvitationLifetime.TotalHours))];
    }

    public static string? Pick(ChatContext c, int id)
    {
        if (c.Memberships.All(m => m.AccountId != id))
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
        if (_wrongCodes.Recent(user, now).Count >= options.MaxWrongCodesPerHour)
        {
            return c.T["chat.link.tooMany"];
        }

        try
        {
            var membership = billing.Members.Redeem(code, c.Incoming.UserId, c.Incoming.UserName);
            c.Memberships = billing.Members.AccountsOf(c.Incoming.UserId);
            c.Dialog.Update(s => s with { AccountId = membership.AccountId });
            return c.T["chat.link.done", ("name", billing.Accounts.Get(membership.AccountId).Name), ("role", membership.Role)];
        }
        catch (BillingException e) when (e.Error == BillingError.InvalidInvitation)
        {
            _wrongCodes.Add(user, now);
            return c.T.Error(e);
        }
    }
}
