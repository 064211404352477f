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
    Promise,
    PromiseAmount,
    PromiseConfirm,
    Settings,
}

/// <summary>
/// One chat's dialog as a Stateless machine over its persisted <see cref="ChatSession"/>.
/// Only a trigger the current state permits is acted on, so a stale or forged button does nothing.
/// </summary>
internal sealed class ChatDialog
{
    private readonly StateMachine<DialogState, Trigger> _machine;
    private readonly StateMachine<DialogState, Trigger>.TriggerWithParameters<decimal> _amount;

    public ChatDialog(ChatSession session)
    {
        Session = session;
        _machine = new StateMachine<DialogState, Trigger>(() => Session.State, s => Session = Session with { State = s });
        _amount = _machine.SetTriggerParameters<decimal>(Trigger.Amount);

        _machine.Configure(DialogState.Anywhere)
            .Permit(Trigger.Menu, DialogState.Menu)
            .Permit(Trigger.ChooseAccount, DialogState.ChooseAccount)
            .Permit(Trigger.Balance, DialogState.Balance)
            .Permit(Trigger.TopUp, DialogState.TopUpAmount)
            .Permit(Trigger.Invoices, DialogState.Invoices)
            .Permit(Trigger.History, DialogState.History)
            .Permit(Trigger.Promise, DialogState.Promise)
            .Permit(Trigger.Settings, DialogState.Settings);

        Screen(DialogState.Menu);
        Screen(DialogState.ChooseAccount).PermitReentry(Trigger.Pick);
        Screen(DialogState.Balance);
        Screen(DialogState.TopUpAmount)
            .OnEntry(() => Session = Session with { Amount = null })
            .Permit(Trigger.Amount, DialogState.TopUpConfirm);
        Screen(DialogState.TopUpConfirm)
            .OnEntryFrom(_amount, amount => Session = Session with { Amount = amount })
            .Permit(Trigger.Confirm, DialogState.Invoices);
        Screen(DialogState.Invoices).PermitReentry(Trigger.CancelInvoice);
        Screen(DialogState.History)
            .OnEntryFrom(Trigger.History, () => Session = Session with { Page = 1 })
            .PermitReentry(Trigger.More);
        Screen(DialogState.Promise)
            .Permit(Trigger.Take, DialogState.PromiseAmount)
            .PermitReentry(Trigger.Repay);
        Screen(DialogState.PromiseAmount)
            .OnEntry(() => Session = Session with { Amount = null })
            .Permit(Trigger.Amount, DialogState.PromiseConfirm);
        Screen(DialogState.PromiseConfirm)
            .OnEntryFrom(_amount, amount => Session = Session with { Amount = amount })
            .Permit(Trigger.Confirm, DialogState.Promise);
        Screen(DialogState.Settings).PermitReentry(Trigger.Language);
    }

    public enum Trigger
    {
        Menu,
        ChooseAccount,
        Pick,
        Balance,
        TopUp,
        Amount,
        Confirm,
        Invoices,
        CancelInvoice,
        History,
        More,
        Promise,
        Take,
        Repay,
        Settings,
        Language,
    }

    public ChatSession Session { get; private set; }

    public DialogState State => Session.State;

    /// <summary>True in a step that waits for a typed amount.</summary>
    public bool WantsAmount => State is DialogState.TopUpAmount or DialogState.PromiseAmount;

    public bool CanFire(Trigger trigger) => _machine.CanFire(trigger);

    public void Fire(Trigger trigger) => _machine.Fire(trigger);

    public void EnterAmount(decimal amount) => _machine.Fire(_amount, amount);

    /// <summary>Leaves any flow for the menu.</summary>
    public void Reset() => Session = Session with { State = DialogState.Menu, Amount = null, Page = 1 };

    public void NextPage() => Session = Session with { Page = Session.Page + 1 };

    public void Update(Func<ChatSession, ChatSession> change) => Session = change(Session);

    /// <summary>The dialog as a Mermaid diagram (committed beside this file as ChatDialog.md).</summary>
    public string ToMermaid() => MermaidGraph.Format(_machine.GetInfo());

    private StateMachine<DialogState, Trigger>.StateConfiguration Screen(DialogState state) =>
        _machine.Configure(state).SubstateOf(DialogState.Anywhere);
}
