using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Chat;

/// <summary>When each user tried wrong invitation codes: the one owner of their collection, so guessing codes is slowed down.</summary>
internal sealed class WrongCodeLog(BillingStore store)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly ILiteCollection<WrongCodes> _attempts = store.Collection<WrongCodes>("wrongCodes");

    /// <summary>The user's wrong codes of the last hour.</summary>
    public IReadOnlyList<DateTimeOffset> Recent(long userId, DateTimeOffset now) =>
        [.. (store.Read(() => _attempts.FindById(userId))?.Times ?? []).Where(w => now - w < Window)];

    /// <summary>Records one more wrong code of the user; those older than an hour are forgotten.</summary>
    public void Add(long userId, DateTimeOffset now)
    {
        var recent = Recent(userId, now);
        store.Write(() => _attempts.Upsert(new WrongCodes(userId, [.. recent, now])));
    }
}

/// <summary>When a user tried wrong invitation codes, in any chat.</summary>
public sealed record WrongCodes(long Id, IReadOnlyList<DateTimeOffset> Times);
