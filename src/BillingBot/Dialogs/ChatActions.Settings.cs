using System.Globalization;
using BillingBot.Billing;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>Settings typed as text: the digest's time, the chat's time zone, the low-balance threshold in days.</summary>
internal sealed partial class ChatActions
{
    private string? OnSetting(ChatContext c, string text)
    {
        switch (c.Dialog.State)
        {
            case DialogState.DigestTime when TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at):
                return Saved(c, s => s with { DigestTime = at.ToString("HH:mm", CultureInfo.InvariantCulture) });
            case DialogState.DigestTime:
                return c.T["chat.settings.timeHint"];
            case DialogState.TimeZone when TimeZones.Find(text) is { } zone:
                return Saved(c, s => s with { TimeZone = zone, TimeZoneChosen = true });
            case DialogState.TimeZone:
                return c.T["chat.settings.zoneHint"];
            case DialogState.LowBalanceDays when !c.IsOwner:
                return c.T["chat.ownersOnly"];
            case DialogState.LowBalanceDays when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= 365:
                var account = billing.Accounts.Get(c.AccountId!.Value);
                billing.Accounts.SetThresholds(account.Id, days, account.LowBalanceMoney);
                return Saved(c, s => s);
            default:
                return c.T["chat.settings.daysHint"];
        }
    }

    private static string? Saved(ChatContext c, Func<Chat.ChatSession, Chat.ChatSession> change)
    {
        c.Dialog.Fire(Trigger.Typed, change);
        return c.T["chat.settings.saved"];
    }
}
