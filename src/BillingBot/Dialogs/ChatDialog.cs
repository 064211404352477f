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
/// One chat's dialog: its persisted <see cref="ChatSession"/>, moved by the Stateless machine every chat shares.
/// Only a trigger the current state permits is acted on, so a stale or forged button does nothing.
/// </summary>
internal sealed class ChatDialog
{
    /// <summary>
    /// The dialog, declared once for every chat: it reads and moves the state of the dialog being acted on by this
    /// thread. Immediate firing keeps no queue of its own, so threads acting on different chats share it safely.
    /// </summary>
    private static readonly StateMachine<DialogState, Trigger> Machine = Declare();

    /// <summary>The dialog the shared machine is acting on, on this thread.</summary>
    [ThreadStatic]
    private static ChatDialog? t_current;

    public ChatDialog(ChatSession session) => Session = session;

    private static ChatDialog Current => t_current ?? throw new InvalidOperationException("The dialog machine runs only inside a dialog's own call.");

    private static StateMachine<DialogState, Trigger> Declare()
    {
        // Read before any dialog is acted on (as the machine's initial state, for its diagram only): the menu.
        var machine = new StateMachine<DialogState, Trigger>(() => t_current?.Session.State ?? DialogState.Menu, s => Current.Session = Current.Session with { State = s }, FiringMode.Immediate);

        machine.Configure(DialogState.Anywhere)
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

        Screen(machine, DialogState.Menu).PermitReentry(Trigger.Invite);
        Screen(machine, DialogState.ChooseAccount).PermitReentry(Trigger.Pick);
        Screen(machine, DialogState.Balance);
        AmountStep(machine, DialogState.TopUpAmount, DialogState.TopUpConfirm);
        Screen(machine, DialogState.TopUpConfirm).Permit(Trigger.Confirm, DialogState.Invoices);
        Screen(machine, DialogState.Invoices).PermitReentry(Trigger.CancelInvoice);
        Screen(machine, DialogState.History)
            .OnEntryFrom(Trigger.History, () => Current.Session = Current.Session with { Page = 1 })
            .PermitReentry(Trigger.More);
        Screen(machine, DialogState.Statement);
        Screen(machine, DialogState.Promise)
            .Permit(Trigger.Take, DialogState.PromiseAmount)
            .PermitReentry(Trigger.Repay);
        AmountStep(machine, DialogState.PromiseAmount, DialogState.PromiseConfirm);
        Screen(machine, DialogState.PromiseConfirm).Permit(Trigger.Confirm, DialogState.Promise);

        Screen(machine, DialogState.Clients)
            .OnEntryFrom(Trigger.Clients, () => Current.Session = Current.Session with { Page = 1 })
            .PermitReentry(Trigger.More);
        Screen(machine, DialogState.Client)
            .Permit(Trigger.Transfer, DialogState.TransferAmount)
            .Permit(Trigger.Return, DialogState.ReturnAmount)
            .Permit(Trigger.SetRule, DialogState.RuleAmount)
            .PermitReentry(Trigger.ToggleRule);
        AmountStep(machine, DialogState.TransferAmount, DialogState.TransferConfirm);
        Screen(machine, DialogState.TransferConfirm).Permit(Trigger.Confirm, DialogState.Client);
        AmountStep(machine, DialogState.ReturnAmount, DialogState.ReturnConfirm);
        Screen(machine, DialogState.ReturnConfirm).Permit(Trigger.Confirm, DialogState.Client);
        AmountStep(machine, DialogState.RuleAmount, DialogState.RuleThreshold);
        Screen(machine, DialogState.RuleThreshold).Permit(Trigger.Amount, DialogState.RuleLimit);
        Screen(machine, DialogState.RuleLimit).Permit(Trigger.Amount, DialogState.RulePeriod);
        Screen(machine, DialogState.RulePeriod).Permit(Trigger.Period, DialogState.RuleConfirm);
        Screen(machine, DialogState.RuleConfirm).Permit(Trigger.Confirm, DialogState.Client);

        Screen(machine, DialogState.Settings)
            .PermitReentry(Trigger.Language)
            .PermitReentry(Trigger.ToggleDigest)
            .Permit(Trigger.AskDigestTime, DialogState.DigestTime)
            .Permit(Trigger.AskTimeZone, DialogState.TimeZone)
            .Permit(Trigger.AskLowBalanceDays, DialogState.LowBalanceDays);
        Screen(machine, DialogState.DigestTime).Permit(Trigger.Typed, DialogState.Settings);
        Screen(machine, DialogState.TimeZone).Permit(Trigger.Typed, DialogState.Settings);
        Screen(machine, DialogState.LowBalanceDays).Permit(Trigger.Typed, DialogState.Settings);
        return machine;
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

    public bool CanFire(Trigger trigger) => On(() => Machine.CanFire(trigger));

    public void Fire(Trigger trigger) => On(() =>
    {
        Machine.Fire(trigger);
        return true;
    });

    /// <summary>Records a change of the session and moves on by <paramref name="trigger"/>.</summary>
    public void Fire(Trigger trigger, Func<ChatSession, ChatSession> change)
    {
        Session = change(Session);
        Fire(trigger);
    }

    /// <summary>Leaves any flow for the menu.</summary>
    public void Reset() => Session = Session with { State = DialogState.Menu, Amount = null, Page = 1 };

    public void Update(Func<ChatSession, ChatSession> change) => Session = change(Session);

    /// <summary>The dialog as a Mermaid diagram (committed beside this file as ChatDialog.md).</summary>
    public static string ToMermaid() => MermaidGraph.Format(Machine.GetInfo());

    /// <summary>Runs <paramref name="act"/> on the shared machine with this dialog as the one it acts on.</summary>
    private T On<T>(Func<T> act)
    {
        var outer = t_current;
        t_current = this;
        try
        {
            return act();
        }
        finally
        {
            t_current = outer;
        }
    }

    private static StateMachine<DialogState, Trigger>.StateConfiguration Screen(StateMachine<DialogState, Trigger> machine, DialogState state) =>
        machine.Configure(state).SubstateOf(DialogState.Anywhere);

    private static void AmountStep(StateMachine<DialogState, Trigger> machine, DialogState step, DialogState next) => Screen(machine, step)
        .OnEntry(() => Current.Session = Current.Session with { Amount = null })
        .Permit(Trigger.Amount, next);
}
