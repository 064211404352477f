namespace BillingBot.Billing.Members;

public enum Role
{
    Owner,
    Manager,
}

/// <summary>A Telegram user's role in an account.</summary>
public sealed record Membership
{
    /// <summary><c>account:user</c>, so a user holds one role per account.</summary>
    public string Id { get; init; } = "";

    public int AccountId { get; init; }
    public long UserId { get; init; }
    public Role Role { get; init; }
    public DateTimeOffset JoinedAt { get; init; }

    /// <summary>How the person was called in Telegram when they joined; null where it is not known.</summary>
    public string? Name { get; init; }

    /// <summary>A manager the owner let move money: take and repay promised payments, transfer to and take back from clients, set auto top-up rules.</summary>
    public bool MayMoveMoney { get; init; }

    /// <summary>Whether the member may move the account's money: an owner always, a manager when granted.</summary>
    public bool MovesMoney => Role == Role.Owner || MayMoveMoney;

    internal static string IdOf(int accountId, long userId) => $"{accountId}:{userId}";
}

/// <summary>A single-use code that makes its bearer a member; only its hash is stored.</summary>
public sealed record Invitation
{
    /// <summary>SHA-256 of the code, hex.</summary>
    public string Id { get; init; } = "";

    public int AccountId { get; init; }
    public Role Role { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public long? UsedBy { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
}
