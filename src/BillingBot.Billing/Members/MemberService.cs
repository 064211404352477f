using System.Security.Cryptography;
using System.Text;
using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Billing.Members;

/// <summary>Who may see and act on an account: invitation codes and the memberships they create.</summary>
public sealed class MemberService
{
    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";

    private readonly BillingStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    internal MemberService(BillingStore store, TimeProvider time, BillingSettings settings)
    {
        _store = store;
        _time = time;
        _lifetime = settings.Accounts.InvitationLifetime;
    }

    /// <summary>Issues a single-use code; the code itself is returned once and never stored.</summary>
    /// <summary>
    /// An owner's code for each of <paramref name="accountIds"/>, made in one transaction (or in the caller's, when it
    /// runs in a batch): the accounts of an import and their codes are stored together or not at all.
    /// </summary>
    public IReadOnlyList<string> InviteOwners(IReadOnlyList<int> accountIds) => _store.WriteTogether(() => accountIds.Select(id => Invite(id, Role.Owner)).ToList());

    /// <summary>The accounts no one owns yet (an import's codes lost, say), in id order.</summary>
    public IReadOnlyList<int> AccountsWithoutOwner() => _store.Read(() =>
    {
        var owned = _store.Members.Find(Filter.Equal(nameof(Membership.Role), nameof(Role.Owner))).Select(m => m.AccountId).ToHashSet();
        return _store.Accounts.Query().Select(a => a.Id).ToEnumerable().Where(id => !owned.Contains(id)).Order().ToList();
    });

    public string Invite(int accountId, Role role) => _store.Write(() =>
    {
        if (_store.Accounts.FindById(accountId) is null)
        {
            throw new BillingException(BillingError.UnknownAccount, ("id", accountId));
        }

        // 16 characters of a 30-letter alphabet: about 78 bits, fits a /start deep link (64 characters at most).
        var code = RandomNumberGenerator.GetString(Alphabet, 16);
        var now = _time.GetUtcNow();
        _store.Invitations.Insert(new Invitation { Id = Hash(code), AccountId = accountId, Role = role, CreatedAt = now, ExpiresAt = now + _lifetime });
        return code;
    });

    /// <summary>
    /// Makes <paramref name="userId"/> a member with the code's role; a wrong, used or expired code is refused alike.
    /// A member with that role or a higher one (an owner trying the manager link they made) keeps it, and the code stays
    /// unused for the person it was meant for.
    /// </summary>
    public Membership Redeem(string code, long userId, string? name = null) => _store.Write(() =>
    {
        var now = _time.GetUtcNow();
        var invitation = _store.Invitations.FindById(Hash(code.Trim().ToUpperInvariant()));
        if (invitation is null || invitation.UsedBy is not null || invitation.ExpiresAt <= now)
        {
            throw new BillingException(BillingError.InvalidInvitation);
        }

        var existing = _store.Members.FindById(Membership.IdOf(invitation.AccountId, userId));
        if (existing is not null && (existing.Role == invitation.Role || existing.Role == Role.Owner))
        {
            return existing;
        }

        _store.Invitations.Update(invitation with { UsedBy = userId, UsedAt = now });
        // This service is the only writer of memberships: a change drops the user's kept memberships.
        _store.CommittedMemberships.Changed(userId);
        var membership = new Membership { Id = Membership.IdOf(invitation.AccountId, userId), AccountId = invitation.AccountId, UserId = userId, Role = invitation.Role, JoinedAt = now, Name = NameOf(name) };
        _store.Members.Upsert(membership);
        return membership;
    });

    /// <summary>The user's memberships, oldest account first (the order a person sees them in).</summary>
    /// <remarks>
    /// On every update's path: a query by field name, which LiteDB parses once and caches, rather than a lambda, which it
    /// translates (compiling the captured value) on every call.
    /// </remarks>
    public IReadOnlyList<Membership> AccountsOf(long userId) => _store.Read(() =>
    {
        if (_store.CommittedMemberships.TryGet(userId, out var known))
        {
            return known;
        }

        var read = _store.Members.Find(Filter.Equal(nameof(Membership.UserId), userId)).OrderBy(m => m.AccountId).ToList();
        _store.CommittedMemberships.Read(userId, read);
        return read;
    });

    /// <summary>The memberships of each of <paramref name="userIds"/> that has any, in one query (a page of chats' digests).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<Membership>> AccountsOfAll(IReadOnlyCollection<long> userIds) => userIds.Count == 0
        ? new Dictionary<long, IReadOnlyList<Membership>>()
        : _store.Read(() => _store.Members
            .Find(BsonExpression.Create($"$.{nameof(Membership.UserId)} IN @0", new BsonArray(userIds.Distinct().Select(u => new BsonValue(u)))))
            .GroupBy(m => m.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Membership>)[.. g.OrderBy(m => m.AccountId)]));

    /// <summary>
    /// Lets manager <paramref name="userId"/> move the account's money, or stops it: takes effect on their next press.
    /// Refused for someone who is not a member, and for an owner, who always may.
    /// </summary>
    public Membership SetMoneyRight(int accountId, long userId, bool granted) => _store.Write(() =>
    {
        var member = Member(accountId, userId);
        if (member.Role != Role.Manager)
        {
            throw new BillingException(BillingError.NotAManager, ("user", userId), ("id", accountId));
        }

        var changed = member with { MayMoveMoney = granted };
        _store.CommittedMemberships.Changed(userId);
        _store.Members.Update(changed);
        return changed;
    });

    /// <summary>
    /// Ends <paramref name="userId"/>'s membership (an owner removing a manager, or a member leaving): from their next
    /// press the account is not theirs. The last owner is refused, so an account always has someone who owns it.
    /// </summary>
    public Membership Remove(int accountId, long userId) => _store.Write(() =>
    {
        var member = Member(accountId, userId);
        if (member.Role == Role.Owner && _store.Members.Find(Filter.Equal(nameof(Membership.AccountId), accountId)).Count(m => m.Role == Role.Owner) == 1)
        {
            throw new BillingException(BillingError.LastOwner, ("user", userId), ("id", accountId));
        }

        _store.CommittedMemberships.Changed(userId);
        _store.Members.Delete(member.Id);
        return member;
    });

    public IReadOnlyList<Membership> MembersOf(int accountId) =>
        _store.Read(() => _store.Members.Find(Filter.Equal(nameof(Membership.AccountId), accountId)).OrderBy(m => m.UserId).ToList());

    /// <summary>The membership of <paramref name="userId"/> in the account, or null when they are not a member.</summary>
    public Membership? Find(int accountId, long userId) => _store.Read(() => _store.Members.FindById(Membership.IdOf(accountId, userId)));

    private Membership Member(int accountId, long userId)
    {
        if (_store.Accounts.FindById(accountId) is null)
        {
            throw new BillingException(BillingError.UnknownAccount, ("id", accountId));
        }

        return Find(accountId, userId) ?? throw new BillingException(BillingError.NotAMember, ("user", userId), ("id", accountId));
    }

    /// <summary>A name as it is kept: trimmed, at most 100 characters, none when empty.</summary>
    private static string? NameOf(string? name) => name?.Trim() is { Length: > 0 } trimmed ? trimmed[..Math.Min(trimmed.Length, 100)] : null;

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
