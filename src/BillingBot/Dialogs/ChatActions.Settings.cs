using System.Globalization;
using BillingBot.Billing;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>Settings typed as text: the digest's time, the chat's time zone, the low-balance threshold in days.</summary>
internal sealed partial class ChatActions
{
    public static string? DigestTime(ChatContext c, string text) =>
        TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? Saved(c, s => s with { DigestTime = at.ToString("HH:mm", CultureInfo.InvariantCulture) })
            : c.T["chat.settings.timeHint"];

    public static string? TimeZone(ChatContext c, string text) =>
        TimeZones.Find(text) is { } zone ? Saved(c, s => s with { TimeZone = zone, TimeZoneChosen = true }) : c.T["chat.settings.zoneHint"];

    public string? LowBalanceDays(ChatContext c, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 365)
        {
            return c.T["chat.settings.daysHint"];
        }

        billing.Accounts.Change(c.AccountId!.Value, new Billing.Accounts.AccountChange(LowBalanceDays: days));
        return Saved(c, s => s);
    }

    /// <summary>The balance at or below which the alert goes too, whatever the days: an amount, or 0 for none.</summary>
    public string? LowBalanceMoney(ChatContext c, string text)
    {
        if (!Input.AmountParser.TryParse(text, out var amount) || amount < 0)
        {
            return c.T["chat.settings.moneyHint"];
        }

        billing.Accounts.Change(c.AccountId!.Value, amount == 0 ? new Billing.Accounts.AccountChange(ClearLowBalanceMoney: true) : new Billing.Accounts.AccountChange(LowBalanceMoney: amount));
        return Saved(c, s => s);
    }

    public static string? Language(ChatContext c, string language)
    {
        c.Dialog.Update(s => s with { Language = language, LanguageChosen = true });
        return Go(c, Trigger.Language);
    }

    public static string? ToggleDigest(ChatContext c)
    {
        c.Dialog.Update(s => s with { DigestEnabled = !s.DigestEnabled });
        return Go(c, Trigger.ToggleDigest);
    }

    private static string? Saved(ChatContext c, Func<Chat.ChatSession, Chat.ChatSession> change)
    {
        c.Dialog.Update(change);
        c.Dialog.Fire(Trigger.Typed);
        return c.T["chat.settings.saved"];
    }
}
