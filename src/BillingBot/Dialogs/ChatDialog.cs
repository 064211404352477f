using BillingBot.Chat;
using Stateless;
using Stateless.Graph;

namespace BillingBot.Dialogs;

/// <summary>Where a chat is: a screen, or a step of a flow.</summary>
public enum DialogState
{
    /// <summary>The superstate of every screen: navigation works from anywhere.</summary>
    Anywhere,
    Menu,
    ChooseAccount,
    Balance,
    TopUpAmount,
    TopUpConfirm,
    Invoices,
    History,
    Statement,
    Promise,
    PromiseAmount,
    PromiseConfirm,
    Clients,
    Client,
    TransferAmount,
    TransferConfirm,
    ReturnAmount,
    ReturnConfirm,
    RuleAmount,
    RuleThreshold,
    RuleLimit,
    RulePeriod,
    RuleConfirm,
    Settings,
    DigestTime,
    TimeZone,
    LowBalanceDays,
}

/// <summary>
/// One chat's dialog as a Stateless machine over its persisted <see cref="ChatSession"/>.
/// Only a trigger the current state permits is acted on, so a stale or forged button does nothing.
/// </summary>
internal sealed class ChatDialog
{
    private readonly StateMachine<DialogState, Trigger> _machine;

    public ChatDialog(ChatSession session)
    {
        Session = session;
        _machine = new StateMachine<DialogState, Trigger>(() => Session.State, s => Session = Session with { State = s });

        _machine.Configure(DialogState.Anywhere)
            .Permit(Trigger.Menu, DialogState.Menu)
            .Permit(Trigger.ChooseAccount, DialogState.ChooseAccount)
            .Permit(Trigger.Balance, DialogState.Balance)
            .Permit(Trigger.TopUp, DialogState.TopUpAmount)
            .Permit(Trigger.Invoices, DialogState.Invoices)
            .Permit(Trigger.History, DialogState.History)
            .Permit(Trigger.Promise, DialogState.Promise)
            .Permit(Trigger.Clients, DialogState.Clients)
            .Permit(Trigger.OpenClient, DialogState.Client)
            .Permit(Trigger.Settings, DialogState.Settings)
            // Documents are read, never changed: a press under any message sends one and shows the screen it belongs to.
            .Permit(Trigger.InvoicePdf, DialogState.Invoices)
            .Permit(Trigger.Chart, DialogState.Balance)
            .Permit(Trigger.Statement, DialogState.Statement)
            .Permit(Trigger.StatementFile, DialogState.Statement);

        Screen(DialogState.Menu).PermitReentry(Trigger.Invite);
        Screen(DialogState.ChooseAccount).PermitReentry(Trigger.Pick);
        Screen(DialogState.Balance);
        AmountStep(DialogState.TopUpAmount, DialogState.TopUpConfirm);
        Screen(DialogState.TopUpConfirm).Permit(Trigger.Confirm, DialogState.Invoices);
        Screen(DialogState.Invoices).PermitReentry(Trigger.CancelInvoice);
        Screen(DialogState.History)
            .OnEntryFrom(Trigger.History, () => Session = Session with { Page = 1 })
            .PermitReentry(Trigger.More);
        Screen(DialogState.Statement);
        Screen(DialogState.Promise)
            .Permit(Trigger.Take, DialogState.PromiseAmount)
            .PermitReentry(Trigger.Repay);
        AmountStep(DialogState.PromiseAmount, DialogState.PromiseConfirm);
        Screen(DialogState.PromiseConfirm).Permit(Trigger.Confirm, DialogState.Promise);

        Screen(DialogState.Clients)
            .OnEntryFrom(Trigger.Clients, () => Session = Session with { Page = 1 })
            .PermitReentry(Trigger.More);
        Screen(DialogState.Client)
            .Permit(Trigger.Transfer, DialogState.TransferAmount)
            .Permit(Trigger.Return, DialogState.ReturnAmount)
            .Permit(Trigger.SetRule, DialogState.RuleAmount)
            .PermitReentry(Trigger.ToggleRule);
        AmountStep(DialogState.TransferAmount, DialogState.TransferConfirm);
        Screen(DialogState.TransferConfirm).Permit(Trigger.Confirm, DialogState.Client);
        AmountStep(DialogState.ReturnAmount, DialogState.ReturnConfirm);
        Screen(DialogState.ReturnConfirm).Permit(Trigger.Confirm, DialogState.Client);
        AmountStep(DialogState.RuleAmount, DialogState.RuleThreshold);
        Screen(DialogState.RuleThreshold).Permit(Trigger.Amount, DialogState.RuleLimit);
        Screen(DialogState.RuleLimit).Permit(Trigger.Amount, DialogState.RulePeriod);
        Screen(DialogState.RulePeriod).Permit(Trigger.Period, DialogState.RuleConfirm);
        Screen(DialogState.RuleConfirm).Permit(Trigger.Confirm, DialogState.Client);

        Screen(DialogState.Settings)
            .PermitReentry(Trigger.Language)
            .PermitReentry(Trigger.ToggleDigest)
            .Permit(Trigger.AskDigestTime, DialogState.DigestTime)
            .Permit(Trigger.AskTimeZone, DialogState.TimeZone)
            .Permit(Trigger.AskLowBalanceDays, DialogState.LowBalanceDays);
        Screen(DialogState.DigestTime).Permit(Trigger.Typed, DialogState.Settings);
        Screen(DialogState.TimeZone).Permit(Trigger.Typed, DialogState.Settings);
        Screen(DialogState.LowBalanceDays).Permit(Trigger.Typed, DialogState.Settings);
    }

    public enum Trigger
    {
        Menu,
        ChooseAccount,
        Pick,
        Invite,
        Balance,
        TopUp,
        Amount,
        Confirm,
        Invoices,
        CancelInvoice,
        History,
        More,
        InvoicePdf,
        Chart,
        Statement,
        StatementFile,
        Promise,
        Take,
        Repay,
        Clients,
        OpenClient,
        Transfer,
        Return,
        SetRule,
        ToggleRule,
        Period,
        Settings,
        Language,
        ToggleDigest,
        AskDigestTime,
        AskTimeZone,
        AskLowBalanceDays,
        Typed,
    }

    public ChatSession Session { get; private set; }

    public DialogState State => Session.State;

    /// <summary>True in a step that waits for a typed amount.</summary>
    public bool WantsAmount => State is DialogState.TopUpAmount or DialogState.PromiseAmount or DialogState.TransferAmount
        or DialogState.ReturnAmount or DialogState.RuleAmount or DialogState.RuleThreshold or DialogState.RuleLimit;

    /// <summary>True in a step that waits for other typed text (a time, a time zone, a number of days).</summary>
    public bool WantsText => State is DialogState.DigestTime or DialogState.TimeZone or DialogState.LowBalanceDays;

    public bool CanFire(Trigger trigger) => _machine.CanFire(trigger);

    public void Fire(Trigger trigger) => _machine.Fire(trigger);

    /// <summary>Records a change of the session and moves on by <paramref name="trigger"/>.</summary>
    public void Fire(Trigger trigger, Func<ChatSession, ChatSession> change)
    {
        Session = change(Session);
        _machine.Fire(trigger);
    }

    /// <summary>Leaves any flow for the menu.</summary>
    public void Reset() => Session = Session with { State = DialogState.Menu, Amount = null, Page = 1 };

    public void Update(Func<ChatSession, ChatSession> change) => Session = change(Session);

    /// <summary>The dialog as a Mermaid diagram (committed beside this file as ChatDialog.md).</summary>
    public string ToMermaid() => MermaidGraph.Format(_machine.GetInfo());

    private StateMachine<DialogState, Trigger>.StateConfiguration Screen(DialogState state) =>
        _machine.Configure(state).SubstateOf(DialogState.Anywhere);

    private void AmountStep(DialogState step, DialogState next) => Screen(step)
        .OnEntry(() => Session = Session with { Amount = null })
        .Permit(Trigger.Amount, next);
}
