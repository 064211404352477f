using BillingBot.Billing.Agency;

namespace BillingBot.Dialogs;

/// <summary>
/// What a flow has collected so far, kept in the chat's session: each flow its own record, so a step reads only what its
/// flow has. Stored with its type's name, so a restart resumes the flow with what it had.
/// </summary>
public abstract record Flow;

/// <summary>A list shown a page at a time (History, Clients).</summary>
public sealed record PageFlow : Flow
{
    public int Page { get; init; } = 1;
}

/// <summary>A top-up invoice being asked for: its amount, once given.</summary>
public sealed record TopUpFlow : Flow
{
    public decimal? Amount { get; init; }
}

/// <summary>A promised payment being taken: its amount, once given.</summary>
public sealed record PromiseFlow : Flow
{
    public decimal? Amount { get; init; }
}

/// <summary>An invoice the chat asked to cancel, waiting for the confirmation.</summary>
public sealed record CancelInvoiceFlow : Flow
{
    public string Number { get; init; } = "";
}

/// <summary>A flow about one client of the chat's agency.</summary>
public abstract record ClientFlow : Flow
{
    public int ClientId { get; init; }
}

/// <summary>One client's screen.</summary>
public sealed record ClientScreenFlow : ClientFlow;

/// <summary>Money moved to a client (a transfer) or back from it (a return): its amount, once given.</summary>
public sealed record TransferFlow : ClientFlow
{
    public decimal? Amount { get; init; }
}

/// <summary>A client's auto top-up rule being set, a step at a time.</summary>
public sealed record RuleFlow : ClientFlow
{
    public decimal? Amount { get; init; }
    public decimal? Threshold { get; init; }
    public decimal? Limit { get; init; }
    public LimitPeriod? Period { get; init; }
}

/// <summary>What an operator looked for: the text typed (a part of a name, an id or an external id).</summary>
public sealed record OperatorSearchFlow : Flow
{
    public string Query { get; init; } = "";
}

/// <summary>The account whose card an operator opened, from the accounts found.</summary>
public sealed record OperatorAccountFlow : Flow
{
    public string Query { get; init; } = "";
    public int AccountId { get; init; }
}

/// <summary>One member of the chat's account, opened by its owner: to change their right to move money, or remove them.</summary>
public sealed record MemberFlow : Flow
{
    public long UserId { get; init; }
}
