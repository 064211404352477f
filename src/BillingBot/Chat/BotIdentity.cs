using BillingBot.Billing.Storage;
using LiteDB;

namespace BillingBot.Chat;

/// <summary>
/// Who the bot is in Telegram, remembered in the store once Telegram told it (at the bot's start): the command line on
/// the same database then writes invitation links (<c>https://t.me/&lt;bot&gt;?start=CODE</c>), not bare codes.
/// </summary>
internal sealed class BotIdentity(BillingStore store)
{
    private const string UsernameId = "username";

    private readonly ILiteCollection<BsonDocument> _facts = store.Collection<BsonDocument>("bot");

    /// <summary>The bot's @username, without the @; null until a bot with a token has started on this store.</summary>
    public string? Username => store.Read(() => _facts.FindById(UsernameId)?["Value"] is { IsString: true } value ? value.AsString : null);

    /// <summary>Keeps <paramref name="username"/> (written only when it changed).</summary>
    public void Remember(string username)
    {
        if (Username != username)
        {
            store.Write(() => _facts.Upsert(new BsonDocument { ["_id"] = UsernameId, ["Value"] = username }));
        }
    }

    /// <summary>The link that opens the bot with <paramref name="code"/>, or null when the bot's username is not known.</summary>
    public static string? Link(string? username, string code) => username is null ? null : $"https://t.me/{username}?start={code}";
}
