using BillingBot.Billing.Members;
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
    CancelInvoiceConfirm,
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
    Members,
    Member,
    RemoveMemberConfirm,
    LeaveConfirm,
    LowBalanceMoney,
    OperatorFind,
    OperatorResults,
    OperatorAccount,
}

/// <summary>What a state takes as typed text: nothing (buttons only), an amount, or other text (a time, a zone, days).</summary>
internal enum Typing
{
    None,
    Amount,
    Text,
}

/// <summary>What must hold for a step to act, besides the dialog being in the step's state.</summary>
[Flags]
internal enum Guard
{
    None = 0,

    /// <summary>Pressed under the message the current screen lives in: an older screen's button does not act on the flow in progress.</summary>
    CurrentScreen = 1,

    /// <summary>Pressed by the account's owner: invitations and the account's settings.</summary>
    Owner = 2,

    /// <summary>Pressed by someone who may move the account's money: its owner, or a manager the owner granted it.</summary>
    MoneyRight = 4,

    /// <summary>Pressed by one of the provider's operators, in their private chat with the bot.</summary>
    Operator = 8,
}

/// <summary>A guard on who presses: the right it asks of <see cref="Rights"/>, its name in the diagram, and what a person it refuses reads.</summary>
internal sealed record RoleGuard(Guard Flag, Func<Rights, bool> Holds, string Name, string Refusal);

/// <summary>What the person acting may do in the account, by their membership: the dialog's guards and the buttons shown ask this.</summary>
internal readonly record struct Rights(bool Owner, bool MovesMoney, bool Operator = false)
{
    /// <summary>Each role guard, declared once: the machine's guards, the buttons offered and the refusals all come from here.</summary>
    public static readonly IReadOnlyList<RoleGuard> Guards =
    [
        new(Guard.Owner, r => r.Owner, "by the owner", "chat.ownersOnly"),
        new(Guard.MoneyRight, r => r.MovesMoney, "by one who may move money", "chat.moneyRightOnly"),
        new(Guard.Operator, r => r.Operator, "by an operator", "chat.stale"),
    ];

    public static Rights Of(IReadOnlyList<Membership> memberships, int? accountId, bool isOperator) =>
        memberships.FirstOrDefault(m => m.AccountId == accountId) is { } member ? new(member.Role == Role.Owner, member.MovesMoney, isOperator) : new(false, false, isOperator);

    /// <summary>Whether these rights meet the role guards of <paramref name="guard"/>.</summary>
    public bool Meet(Guard guard)
    {
        foreach (var role in Guards)
        {
            if (guard.HasFlag(role.Flag) && !role.Holds(this))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A state: the screen it shows, the flow record it keeps (<see cref="Keeps"/>; none for a screen that needs none),
/// how entering it begins that record, and what it takes typed.
/// </summary>
internal abstract record StateDeclaration(DialogState State, Type? Keeps, Typing Typing, Func<Flow?, Flow?>? Begins)
{
    /// <summary>Shown only once the chat has chosen an account (every customer screen); an operator's screens are not.</summary>
    public bool NeedsAccount { get; init; } = true;

    public abstract Screen Show(Screens screens, View view);
}

/// <inheritdoc cref="StateDeclaration"/>
internal sealed record ScreenState(DialogState State, Func<Screens, View, Screen> Screen) : StateDeclaration(State, null, Typing.None, null)
{
    public override Screen Show(Screens screens, View view) => Screen(screens, view);
}

/// <inheritdoc cref="StateDeclaration"/>
internal sealed record FlowState<TFlow>(DialogState State, Func<Screens, View, TFlow, Screen> Screen, Typing Typing, Func<Flow?, Flow?>? Begins)
    : StateDeclaration(State, typeof(TFlow), Typing, Begins)
    where TFlow : Flow
{
    public override Screen Show(Screens screens, View view) => Screen(screens, view, (TFlow)view.Session.Flow!);
}

/// <summary>What a press does in a state: where it leads, what must hold, and its work on the ledger (which returns a note to show).</summary>
internal abstract record Step(DialogState From, Press Press, DialogState To, Guard Guard)
{
    public abstract string? Run(ChatActions actions, ChatContext c, object payload);
}

/// <inheritdoc cref="Step"/>
internal sealed record Step<T>(DialogState From, Press<T> Pressed, DialogState To, Guard Guard, Func<ChatActions, ChatContext, T, string?> Act)
    : Step(From, Pressed, To, Guard)
    where T : notnull
{
    public override string? Run(ChatActions actions, ChatContext c, object payload) => Act(actions, c, (T)payload);
}

/// <summary>
/// One chat's dialog: its persisted <see cref="ChatSession"/>, moved by the Stateless machine every chat shares.
/// Every state and every step is declared once, below: the machine, the buttons' codes (<see cref="Presses"/>), the
/// screens and the committed diagram all come from that declaration. Only a step the current state permits, with its
/// guard met, acts, so a stale or forged button does nothing.
/// </summary>
internal sealed class ChatDialog
{
    private const string ScreenGuard = "on the current screen";

    private static readonly IReadOnlyList<StateDeclaration> States =
    [
        new ScreenState(DialogState.Menu, (s, v) => s.Menu(v)),
        new ScreenState(DialogState.ChooseAccount, (s, v) => s.ChooseAccount(v)),
        new ScreenState(DialogState.Balance, (s, v) => s.Balance(v)),
        new FlowState<TopUpFlow>(DialogState.TopUpAmount, (s, v, _) => s.TopUpAmount(v), Typing.Amount, _ => new TopUpFlow()),
        Keeping<TopUpFlow>(DialogState.TopUpConfirm, (s, v, f) => s.TopUpConfirm(v, f)),
        new ScreenState(DialogState.Invoices, (s, v) => s.Invoices(v)),
        Keeping<CancelInvoiceFlow>(DialogState.CancelInvoiceConfirm, (s, v, f) => s.CancelInvoiceConfirm(v, f)),
        new FlowState<PageFlow>(DialogState.History, (s, v, f) => s.History(v, f), Typing.None, _ => new PageFlow()),
        new ScreenState(DialogState.Statement, (s, v) => s.Statement(v)),
        new ScreenState(DialogState.Promise, (s, v) => s.Promise(v)),
        new FlowState<PromiseFlow>(DialogState.PromiseAmount, (s, v, _) => s.PromiseAmount(v), Typing.Amount, _ => new PromiseFlow()),
        Keeping<PromiseFlow>(DialogState.PromiseConfirm, (s, v, f) => s.PromiseConfirm(v, f)),
        new FlowState<PageFlow>(DialogState.Clients, (s, v, f) => s.Clients(v, f), Typing.None, _ => new PageFlow()),
        new FlowState<ClientScreenFlow>(DialogState.Client, (s, v, f) => s.Client(v, f), Typing.None, Of<ClientScreenFlow>),
        new FlowState<TransferFlow>(DialogState.TransferAmount, (s, v, f) => s.AgencyAmount(v, f, "chat.transfer.amount"), Typing.Amount, Of<TransferFlow>),
        Keeping<TransferFlow>(DialogState.TransferConfirm, (s, v, f) => s.AgencyConfirm(v, f, "chat.transfer.confirm")),
        new FlowState<TransferFlow>(DialogState.ReturnAmount, (s, v, f) => s.AgencyAmount(v, f, "chat.return.amount"), Typing.Amount, Of<TransferFlow>),
        Keeping<TransferFlow>(DialogState.ReturnConfirm, (s, v, f) => s.AgencyConfirm(v, f, "chat.return.confirm")),
        new FlowState<RuleFlow>(DialogState.RuleAmount, (s, v, f) => s.AgencyAmount(v, f, "chat.rule.amount"), Typing.Amount, Of<RuleFlow>),
        new FlowState<RuleFlow>(DialogState.RuleThreshold, (s, v, f) => s.AgencyAmount(v, f, "chat.rule.threshold"), Typing.Amount, null),
        new FlowState<RuleFlow>(DialogState.RuleLimit, (s, v, f) => s.AgencyAmount(v, f, "chat.rule.limit"), Typing.Amount, null),
        Keeping<RuleFlow>(DialogState.RulePeriod, (_, v, f) => Screens.RulePeriod(v, f)),
        Keeping<RuleFlow>(DialogState.RuleConfirm, (s, v, f) => s.RuleConfirm(v, f)),
        new ScreenState(DialogState.Settings, (s, v) => s.Settings(v)),
        new ScreenState(DialogState.DigestTime, (_, v) => Screens.Ask(v, "chat.settings.askTime")) { Typing = Typing.Text },
        new ScreenState(DialogState.TimeZone, (_, v) => Screens.AskZone(v)) { Typing = Typing.Text },
        new ScreenState(DialogState.LowBalanceDays, (_, v) => Screens.Ask(v, "chat.settings.askDays")) { Typing = Typing.Text },
        new ScreenState(DialogState.Members, (s, v) => s.Members(v)),
        new FlowState<MemberFlow>(DialogState.Member, (s, v, f) => s.Member(v, f), Typing.None, f => f as MemberFlow),
        new FlowState<MemberFlow>(DialogState.RemoveMemberConfirm, (s, v, f) => s.RemoveMemberConfirm(v, f), Typing.None, f => f as MemberFlow),
        new ScreenState(DialogState.LeaveConfirm, (s, v) => s.LeaveConfirm(v)),
        new ScreenState(DialogState.LowBalanceMoney, (s, v) => s.AskLowBalanceMoney(v)) { Typing = Typing.Text },
        new ScreenState(DialogState.OperatorFind, (_, v) => Screens.OperatorFind(v)) { Typing = Typing.Text, NeedsAccount = false },
        new FlowState<OperatorSearchFlow>(DialogState.OperatorResults, (s, v, f) => s.OperatorResults(v, f), Typing.Text, null) { NeedsAccount = false },
        new FlowState<OperatorAccountFlow>(DialogState.OperatorAccount, (s, v, f) => s.OperatorAccount(v, f), Typing.Text, null) { NeedsAccount = false },
    ];

    private static readonly IReadOnlyList<Step> Steps =
    [
        // Going to a screen works from any state and under any message; documents are read, never changed, so a press
        // under any message sends one and shows the screen it belongs to.
        Go(Presses.Menu, DialogState.Menu),
        Go(Presses.ChooseAccount, DialogState.ChooseAccount),
        Go(Presses.Balance, DialogState.Balance),
        Go(Presses.TopUp, DialogState.TopUpAmount),
        On(Presses.TopUpAccount, DialogState.Anywhere, DialogState.TopUpAmount, (_, c, account) => ChatActions.TopUpAccount(c, account)),
        Go(Presses.Invoices, DialogState.Invoices),
        Go(Presses.History, DialogState.History),
        Go(Presses.Promise, DialogState.Promise),
        Go(Presses.Clients, DialogState.Clients),
        On(Presses.OpenClient, DialogState.Anywhere, DialogState.Client, (a, c, client) => a.OpenClient(c, client)),
        Go(Presses.Settings, DialogState.Settings),
        On(Presses.InvoicePdf, DialogState.Anywhere, DialogState.Invoices, (a, c, number) => a.InvoicePdf(c, number)),
        On(Presses.Chart, DialogState.Anywhere, DialogState.Balance, (a, c, _) => a.Chart(c)),
        Go(Presses.Statement, DialogState.Statement),
        On(Presses.StatementFile, DialogState.Anywhere, DialogState.Statement, (a, c, choice) => a.StatementFile(c, choice)),

        // Steps act only under the current screen's message.
        On(Presses.Invite, DialogState.Menu, DialogState.Menu, (a, c, _) => a.Invite(c), Guard.Owner),
        On(Presses.Pick, DialogState.ChooseAccount, DialogState.ChooseAccount, (a, c, account) => ChatActions.Pick(c, account)),
        On(Presses.Amount, DialogState.TopUpAmount, DialogState.TopUpConfirm, (a, c, amount) => a.TopUpAmount(c, amount)),
        On(Presses.Confirm, DialogState.TopUpConfirm, DialogState.Invoices, (a, c, _) => a.IssueInvoice(c)),
        On(Presses.CancelInvoice, DialogState.Invoices, DialogState.CancelInvoiceConfirm, (a, c, number) => a.AskCancelInvoice(c, number)),
        On(Presses.Confirm, DialogState.CancelInvoiceConfirm, DialogState.Invoices, (a, c, _) => a.CancelInvoice(c)),
        On(Presses.More, DialogState.History, DialogState.History, (a, c, _) => ChatActions.NextPage(c)),
        On(Presses.Take, DialogState.Promise, DialogState.PromiseAmount, (a, c, _) => ChatActions.Go(c, Trigger.Take), Guard.MoneyRight),
        On(Presses.Repay, DialogState.Promise, DialogState.Promise, (a, c, promise) => a.Repay(c, promise), Guard.MoneyRight),
        On(Presses.Amount, DialogState.PromiseAmount, DialogState.PromiseConfirm, (a, c, amount) => a.PromiseAmount(c, amount), Guard.MoneyRight),
        On(Presses.Confirm, DialogState.PromiseConfirm, DialogState.Promise, (a, c, _) => a.TakePromise(c), Guard.MoneyRight),

        On(Presses.More, DialogState.Clients, DialogState.Clients, (a, c, _) => ChatActions.NextPage(c)),
        On(Presses.Transfer, DialogState.Client, DialogState.TransferAmount, (a, c, _) => ChatActions.Go(c, Trigger.Transfer), Guard.MoneyRight),
        On(Presses.Return, DialogState.Client, DialogState.ReturnAmount, (a, c, _) => ChatActions.Go(c, Trigger.Return), Guard.MoneyRight),
        On(Presses.SetRule, DialogState.Client, DialogState.RuleAmount, (a, c, _) => ChatActions.Go(c, Trigger.SetRule), Guard.MoneyRight),
        On(Presses.ToggleRule, DialogState.Client, DialogState.Client, (a, c, on) => a.ToggleRule(c, on), Guard.MoneyRight),
        On(Presses.Amount, DialogState.TransferAmount, DialogState.TransferConfirm, (a, c, amount) => a.TransferAmount(c, amount, toClient: true), Guard.MoneyRight),
        On(Presses.Confirm, DialogState.TransferConfirm, DialogState.Client, (a, c, _) => a.Transfer(c, toClient: true), Guard.MoneyRight),
        On(Presses.Amount, DialogState.ReturnAmount, DialogState.ReturnConfirm, (a, c, amount) => a.TransferAmount(c, amount, toClient: false), Guard.MoneyRight),
        On(Presses.Confirm, DialogState.ReturnConfirm, DialogState.Client, (a, c, _) => a.Transfer(c, toClient: false), Guard.MoneyRight),
        On(Presses.Amount, DialogState.RuleAmount, DialogState.RuleThreshold, (a, c, amount) => a.RuleAmount(c, amount), Guard.MoneyRight),
        On(Presses.Amount, DialogState.RuleThreshold, DialogState.RuleLimit, (a, c, amount) => a.RuleThreshold(c, amount), Guard.MoneyRight),
        On(Presses.Amount, DialogState.RuleLimit, DialogState.RulePeriod, (a, c, amount) => a.RuleLimit(c, amount), Guard.MoneyRight),
        On(Presses.Period, DialogState.RulePeriod, DialogState.RuleConfirm, (a, c, period) => ChatActions.RulePeriod(c, period), Guard.MoneyRight),
        On(Presses.Confirm, DialogState.RuleConfirm, DialogState.Client, (a, c, _) => a.SaveRule(c), Guard.MoneyRight),

        On(Presses.Language, DialogState.Settings, DialogState.Settings, (a, c, language) => ChatActions.Language(c, language)),
        On(Presses.ToggleDigest, DialogState.Settings, DialogState.Settings, (a, c, _) => ChatActions.ToggleDigest(c)),
        On(Presses.AskDigestTime, DialogState.Settings, DialogState.DigestTime, (a, c, _) => ChatActions.Go(c, Trigger.AskDigestTime)),
        On(Presses.AskTimeZone, DialogState.Settings, DialogState.TimeZone, (a, c, _) => ChatActions.Go(c, Trigger.AskTimeZone)),
        On(Presses.AskLowBalanceDays, DialogState.Settings, DialogState.LowBalanceDays, (a, c, _) => ChatActions.Go(c, Trigger.AskLowBalanceDays), Guard.Owner),
        On(Presses.Typed, DialogState.DigestTime, DialogState.Settings, (a, c, text) => ChatActions.DigestTime(c, text)),
        On(Presses.Typed, DialogState.TimeZone, DialogState.Settings, (a, c, text) => ChatActions.TimeZone(c, text)),
        On(Presses.Typed, DialogState.LowBalanceDays, DialogState.Settings, (a, c, text) => a.LowBalanceDays(c, text), Guard.Owner),
        On(Presses.AskLowBalanceMoney, DialogState.Settings, DialogState.LowBalanceMoney, (a, c, _) => ChatActions.Go(c, Trigger.AskLowBalanceMoney), Guard.Owner),
        On(Presses.Typed, DialogState.LowBalanceMoney, DialogState.Settings, (a, c, text) => a.LowBalanceMoney(c, text), Guard.Owner),

        // The provider's operators find any account and read its card; nobody else reaches these steps.
        On(Presses.Operator, DialogState.Anywhere, DialogState.OperatorFind, (a, c, _) => ChatActions.Go(c, Trigger.Operator), Guard.Operator),
        On(Presses.Typed, DialogState.OperatorFind, DialogState.OperatorResults, (a, c, text) => ChatActions.FindAccounts(c, text), Guard.Operator),
        On(Presses.Typed, DialogState.OperatorResults, DialogState.OperatorResults, (a, c, text) => ChatActions.FindAccounts(c, text), Guard.Operator),
        On(Presses.OperatorAccount, DialogState.OperatorResults, DialogState.OperatorAccount, (a, c, id) => a.OperatorAccount(c, id), Guard.Operator),
        On(Presses.Typed, DialogState.OperatorAccount, DialogState.OperatorResults, (a, c, text) => ChatActions.FindAccounts(c, text), Guard.Operator),
        On(Presses.OperatorBack, DialogState.OperatorAccount, DialogState.OperatorResults, (a, c, _) => ChatActions.BackToFound(c), Guard.Operator),

        // Members: every member sees them and may leave (but the last owner); the owner opens one to change or remove it.
        Go(Presses.Members, DialogState.Members),
        On(Presses.OpenMember, DialogState.Members, DialogState.Member, (a, c, user) => a.OpenMember(c, user), Guard.Owner),
        On(Presses.MoneyRight, DialogState.Member, DialogState.Member, (a, c, granted) => a.MoneyRight(c, granted), Guard.Owner),
        On(Presses.RemoveMember, DialogState.Member, DialogState.RemoveMemberConfirm, (a, c, _) => ChatActions.Go(c, Trigger.RemoveMember), Guard.Owner),
        On(Presses.Confirm, DialogState.RemoveMemberConfirm, DialogState.Members, (a, c, _) => a.RemoveMember(c), Guard.Owner),
        On(Presses.Leave, DialogState.Members, DialogState.LeaveConfirm, (a, c, _) => ChatActions.Go(c, Trigger.Leave)),
        On(Presses.Confirm, DialogState.LeaveConfirm, DialogState.Menu, (a, c, _) => a.Leave(c)),
    ];

    private static readonly Dictionary<DialogState, StateDeclaration> ByState = States.ToDictionary(s => s.State);

    private static readonly Dictionary<(DialogState, Trigger), Step> ByStep = Steps.ToDictionary(s => (s.From, s.Press.Trigger));

    /// <summary>
    /// The dialog, declared once for every chat: it reads and moves the state of the dialog being acted on by this
    /// thread. Immediate firing keeps no queue of its own, so threads acting on different chats share it safely.
    /// </summary>
    private static readonly StateMachine<DialogState, Trigger> Machine = Declare();

    /// <summary>The dialog the shared machine is acting on, on this thread.</summary>
    [ThreadStatic]
    private static ChatDialog? t_current;

    /// <summary>A session whose flow record is not the one its state keeps (none where one is needed) starts again on the menu.</summary>
    public ChatDialog(ChatSession session)
    {
        Session = session;
        if (!ByState.TryGetValue(session.State, out var state) || !Keeps(state, session.Flow))
        {
            Reset();
        }
    }

    private static ChatDialog Current => t_current ?? throw new InvalidOperationException("The dialog machine runs only inside a dialog's own call.");

    private static StateMachine<DialogState, Trigger> Declare()
    {
        // Read before any dialog is acted on (as the machine's initial state, for its diagram only): the menu.
        var machine = new StateMachine<DialogState, Trigger>(() => t_current?.Session.State ?? DialogState.Menu, s => Current.Session = Current.Session with { State = s }, FiringMode.Immediate);
        machine.Configure(DialogState.Anywhere);
        foreach (var state in States)
        {
            machine.Configure(state.State).SubstateOf(DialogState.Anywhere);
        }

        foreach (var step in Steps)
        {
            var guards = Guards(step.Guard);
            var from = machine.Configure(step.From);
            if (step.To == step.From)
            {
                from.PermitReentryIf(step.Press.Trigger, guards);
            }
            else
            {
                from.PermitIf(step.Press.Trigger, step.To, guards);
            }
        }

        return machine;
    }

    /// <summary>The guards of a step, as Stateless evaluates them for the dialog acted on and names them in the diagram.</summary>
    private static Tuple<Func<bool>, string>[] Guards(Guard guard) =>
    [
        .. Rights.Guards.Where(role => guard.HasFlag(role.Flag)).Select(role => Tuple.Create<Func<bool>, string>(() => role.Holds(Current.Rights), role.Name)),
        .. guard.HasFlag(Guard.CurrentScreen) ? [Tuple.Create<Func<bool>, string>(() => Current.OnCurrentScreen, ScreenGuard)] : Array.Empty<Tuple<Func<bool>, string>>(),
    ];

    private static Step<T> Go<T>(Press<T> press, DialogState to)
        where T : notnull => On(press, DialogState.Anywhere, to, (a, c, _) => ChatActions.Go(c, press.Trigger));

    /// <summary>A step from <paramref name="from"/>; a step of a flow (from any state but <see cref="DialogState.Anywhere"/>) acts only on the current screen.</summary>
    private static Step<T> On<T>(Press<T> press, DialogState from, DialogState to, Func<ChatActions, ChatContext, T, string?> act, Guard guard = Guard.None)
        where T : notnull => new(from, press, to, from == DialogState.Anywhere ? guard : guard | Guard.CurrentScreen, act);

    private static ClientFlow? Of<TFlow>(Flow? current)
        where TFlow : ClientFlow, new() => current is ClientFlow client ? new TFlow { ClientId = client.ClientId } : null;

    /// <summary>A state that keeps the record its flow collected on the steps before (a confirmation, say), and begins none.</summary>
    private static FlowState<TFlow> Keeping<TFlow>(DialogState state, Func<Screens, View, TFlow, Screen> screen)
        where TFlow : Flow => new(state, screen, Typing.None, null);

    /// <summary>Whether <paramref name="flow"/> is what <paramref name="state"/> keeps.</summary>
    private static bool Keeps(StateDeclaration state, Flow? flow) => state.Keeps is not { } kept || kept.IsInstanceOfType(flow);

    public enum Trigger
    {
        Menu,
        ChooseAccount,
        Pick,
        Invite,
        Balance,
        TopUp,
        TopUpAccount,
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
        Members,
        OpenMember,
        MoneyRight,
        RemoveMember,
        Leave,
        AskLowBalanceMoney,
        Operator,
        OperatorAccount,
        OperatorBack,
    }

    public ChatSession Session { get; private set; }

    public DialogState State => Session.State;

    /// <summary>What whoever acts may do in the account (the guards of invitations, settings and money).</summary>
    public Rights Rights { get; set; }

    /// <summary>The press came from the message the current screen lives in, or is typed (a guard of a flow's steps).</summary>
    public bool OnCurrentScreen { get; set; } = true;

    /// <summary>What the current state takes as typed text.</summary>
    public Typing Typing => ByState[State].Typing;

    /// <summary>The declared state's screen.</summary>
    public static StateDeclaration Declared(DialogState state) => ByState[state];

    /// <summary>The step <paramref name="trigger"/> is in the current state (its own, or one from anywhere); null where it is none.</summary>
    public Step? StepOf(Trigger trigger) => StepIn(State, trigger);

    /// <summary>Whether the guards of <paramref name="trigger"/>'s step in <paramref name="state"/> let a person of those rights press it: buttons shown are those.</summary>
    public static bool Offers(DialogState state, Trigger trigger, Rights rights) =>
        StepIn(state, trigger) is { } step && rights.Meet(step.Guard);

    /// <summary>The step <paramref name="trigger"/> is in <paramref name="state"/>: the state's own, else one from anywhere.</summary>
    private static Step? StepIn(DialogState state, Trigger trigger) =>
        ByStep.TryGetValue((state, trigger), out var step) || ByStep.TryGetValue((DialogState.Anywhere, trigger), out step) ? step : null;

    public bool CanFire(Trigger trigger) => On(() => Machine.CanFire(trigger));

    /// <summary>Why <paramref name="trigger"/> may not fire now, as a text key; null when it may.</summary>
    public string? Refusal(Trigger trigger) => On(() =>
    {
        if (Machine.CanFire(trigger, out var unmet))
        {
            return null;
        }

        // Under the current screen, the first role guard unmet says why; an older screen's button is stale whatever it asks.
        return OnCurrentScreen && Rights.Guards.FirstOrDefault(role => unmet?.Contains(role.Name) == true) is { } refused ? refused.Refusal : "chat.stale";
    });

    /// <summary>Moves on by <paramref name="trigger"/>; the state entered begins its flow record (or keeps none).</summary>
    public void Fire(Trigger trigger) => Fire(trigger, flow: null, begin: true);

    /// <summary>Moves on by <paramref name="trigger"/> with <paramref name="flow"/> as what the flow has collected.</summary>
    public void Fire(Trigger trigger, Flow flow) => Fire(trigger, flow, begin: false);

    private void Fire(Trigger trigger, Flow? flow, bool begin)
    {
        var current = Session.Flow;
        On(() =>
        {
            Machine.Fire(trigger);
            return true;
        });
        var entered = ByState[State];
        Session = Session with { Flow = begin ? entered.Begins?.Invoke(current) : flow };
    }

    /// <summary>Leaves any flow for the menu.</summary>
    public void Reset() => Session = Session with { State = DialogState.Menu, Flow = null };

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
}
