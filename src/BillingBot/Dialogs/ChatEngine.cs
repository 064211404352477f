using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Members;
using BillingBot.Chat;
using BillingBot.Input;
using BillingBot.Localization;
using LiteDB;
using Microsoft.Extensions.Options;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>
/// Handles one incoming text or button press of a chat: restores the chat's dialog, acts on the ledger,
/// shows the resulting screen and stores the dialog again together with the update's id.
/// Updates of one chat must be handed in one at a time, in order.
/// </summary>
internal sealed class ChatEngine
{
    private readonly BillingService _billing;
    private readonly Screens _screens;
    private readonly Localizer _localizer;
    private readonly TimeProvider _time;
    private readonly DialogOptions _options;
    private readonly ILiteCollection<ChatSession> _sessions;
    private readonly ILiteCollection<HandledUpdate> _handled;

    public ChatEngine(BillingService billing, Localizer localizer, TimeProvider time, IOptions<DialogOptions> options)
    {
        _billing = billing;
        _screens = new Screens(billing);
        _localizer = localizer;
        _time = time;
        _options = options.Value;
        _sessions = billing.Store.Collection<ChatSession>("chats");
        _handled = billing.Store.Collection<HandledUpdate>("updates");
    }

    public ChatSession? Session(long chatId) => _billing.Store.Read(() => _sessions.FindById(chatId));

    public ChatText TextFor(string language) => new(_localizer, language);

    /// <summary>Handles <paramref name="incoming"/> once: an update id seen before is skipped (ids ≤ 0 are never recorded).</summary>
    public async Task HandleAsync(Incoming incoming, IChatOutput output, CancellationToken cancellationToken)
    {
        if (incoming.UpdateId > 0 && _billing.Store.Read(() => _handled.FindById(incoming.UpdateId)) is not null)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var session = Session(incoming.ChatId) ?? new ChatSession { Id = incoming.ChatId };
        session = session with
        {
            UserId = incoming.UserId,
            Unreachable = false,
            Language = session.LanguageChosen ? session.Language : LanguageOf(incoming.LanguageCode),
        };
        var dialog = new ChatDialog(session);
        var t = TextFor(session.Language);
        string? note = null;
        if (dialog.State != DialogState.Menu && now - session.LastActivity > _options.IdleTimeout)
        {
            dialog.Reset();
            note = t["chat.timedOut"];
        }

        var memberships = _billing.Members.AccountsOf(incoming.UserId);
        SelectAccount(dialog, memberships);
        string? answer = null;
        try
        {
            (note, memberships) = Act(dialog, incoming, memberships, note);
        }
        catch (BillingException e)
        {
            note = TextFor(dialog.Session.Language).Error(e);
            answer = note;
        }

        t = TextFor(dialog.Session.Language);
        if (incoming.CallbackId is { } callbackId)
        {
            await output.AnswerAsync(callbackId, answer, cancellationToken);
        }

        var screen = _screens.Render(dialog.Session, t, memberships, note);
        var messageId = await output.ShowAsync(incoming.ChatId, screen, incoming.IsCallback ? incoming.MessageId : null, cancellationToken);
        Save(dialog.Session with { MenuMessageId = messageId, LastActivity = now }, incoming.UpdateId);
    }

    /// <summary>Records an update as handled without acting on it (one the bot has nothing to do with, or one whose handling failed).</summary>
    public void MarkHandled(long updateId) =>
        _billing.Store.Write(() => _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow())));

    /// <summary>The user blocked the bot (or unblocked it).</summary>
    public void SetReachable(long chatId, bool reachable, long updateId) => _billing.Store.Write(() =>
    {
        var session = _sessions.FindById(chatId) ?? new ChatSession { Id = chatId };
        _sessions.Upsert(session with { Unreachable = !reachable });
        _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow()));
    });

    private static string LanguageOf(string? code) => code?.StartsWith("ru", StringComparison.OrdinalIgnoreCase) == true ? "ru" : "en";

    private static void SelectAccount(ChatDialog dialog, IReadOnlyList<Membership> memberships)
    {
        if (dialog.Session.AccountId is { } chosen && memberships.Any(m => m.AccountId == chosen))
        {
            return;
        }

        dialog.Update(s => s with { AccountId = memberships.Count == 1 ? memberships[0].AccountId : null });
    }

    private (string? Note, IReadOnlyList<Membership> Memberships) Act(ChatDialog dialog, Incoming incoming, IReadOnlyList<Membership> memberships, string? note)
    {
        var t = TextFor(dialog.Session.Language);
        var text = incoming.Text?.Trim() ?? "";
        if (!incoming.IsCallback)
        {
            var command = text.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            switch (command.FirstOrDefault()?.Split('@')[0])
            {
                case "/start" when command.Length == 2:
                    dialog.Reset();
                    return Link(dialog, incoming.UserId, command[1], t);
                case "/start" or "/menu":
                    dialog.Reset();
                    return (note, memberships);
                case "/cancel":
                    var wasInFlow = dialog.State != DialogState.Menu;
                    dialog.Reset();
                    return (wasInFlow ? t["chat.cancelled"] : note, memberships);
            }

            if (!dialog.WantsAmount)
            {
                return (note ?? t["chat.useButtons"], memberships);
            }

            if (!AmountParser.TryParse(text, out var typed))
            {
                return (t["chat.amountHint"], memberships);
            }

            dialog.EnterAmount(typed);
            return (note, memberships);
        }

        var data = incoming.Callback!;
        var (action, argument) = data.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (data[..colon], data[(colon + 1)..]) : (data, "");
        if (dialog.Session.AccountId is not { } accountId)
        {
            // Before an account is chosen only picking one means anything.
            return action == "acc" && argument.Length > 0 ? Pick(dialog, memberships, argument, t) : (note, memberships);
        }

        var role = memberships.First(m => m.AccountId == accountId).Role;
        Trigger? trigger = action switch
        {
            "m" => Trigger.Menu,
            "acc" when argument.Length == 0 => Trigger.ChooseAccount,
            "acc" => Trigger.Pick,
            "bal" => Trigger.Balance,
            "top" => Trigger.TopUp,
            "amt" => Trigger.Amount,
            "ok" => Trigger.Confirm,
            "inv" => Trigger.Invoices,
            "cx" => Trigger.CancelInvoice,
            "hist" => Trigger.History,
            "more" => Trigger.More,
            "prom" => Trigger.Promise,
            "take" => Trigger.Take,
            "repay" => Trigger.Repay,
            "set" => Trigger.Settings,
            "lang" => Trigger.Language,
            _ => null,
        };
        if (trigger is not { } fire || !dialog.CanFire(fire))
        {
            return (t["chat.stale"], memberships);
        }

        if (fire is Trigger.Take or Trigger.Repay || (fire == Trigger.Confirm && dialog.State == DialogState.PromiseConfirm))
        {
            if (role != Role.Owner)
            {
                return (t["chat.ownersOnly"], memberships);
            }
        }

        switch (fire)
        {
            case Trigger.Pick:
                return Pick(dialog, memberships, argument, t);
            case Trigger.Amount:
                if (!decimal.TryParse(argument, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
                {
                    return (t["chat.stale"], memberships);
                }

                dialog.EnterAmount(amount);
                return (note, memberships);
            case Trigger.Confirm when dialog.State == DialogState.TopUpConfirm:
                var invoice = _billing.Invoices.Issue(accountId, dialog.Session.Amount!.Value, $"tg/{incoming.ChatId}/{incoming.UpdateId}");
                dialog.Fire(fire);
                return (t["chat.topUp.issued", ("number", invoice.Number)], memberships);
            case Trigger.Confirm:
                var promise = _billing.Promises.Take(accountId, dialog.Session.Amount!.Value, $"tg/{incoming.ChatId}/{incoming.UpdateId}");
                dialog.Fire(fire);
                return (t["chat.promise.taken", ("date", t.Date(promise.DueOn))], memberships);
            case Trigger.CancelInvoice:
                var target = _billing.Invoices.Get(argument);
                if (target.AccountId != accountId)
                {
                    return (t["chat.forbidden"], memberships);
                }

                _billing.Invoices.Cancel(target.Number);
                dialog.Fire(fire);
                return (t["chat.invoices.cancelled", ("number", target.Number)], memberships);
            case Trigger.Repay:
                if (!int.TryParse(argument, CultureInfo.InvariantCulture, out var promiseId) || _billing.Promises.Offer(accountId).Unsettled.All(p => p.Id != promiseId))
                {
                    return (t["chat.forbidden"], memberships);
                }

                _billing.Promises.Repay(accountId);
                dialog.Fire(fire);
                return (t["chat.promise.repaid"], memberships);
            case Trigger.More:
                dialog.Fire(fire);
                dialog.NextPage();
                return (note, memberships);
            case Trigger.Language:
                dialog.Update(s => s with { Language = argument == "ru" ? "ru" : "en", LanguageChosen = true });
                dialog.Fire(fire);
                return (note, memberships);
            default:
                dialog.Fire(fire);
                return (note, memberships);
        }
    }

    private static (string? Note, IReadOnlyList<Membership> Memberships) Pick(ChatDialog dialog, IReadOnlyList<Membership> memberships, string argument, ChatText t)
    {
        if (!int.TryParse(argument, CultureInfo.InvariantCulture, out var id) || memberships.All(m => m.AccountId != id))
        {
            return (t["chat.forbidden"], memberships);
        }

        dialog.Update(s => s with { AccountId = id });
        dialog.Reset();
        return (null, memberships);
    }

    private (string? Note, IReadOnlyList<Membership> Memberships) Link(ChatDialog dialog, long userId, string code, ChatText t)
    {
        var now = _time.GetUtcNow();
        var recent = dialog.Session.WrongCodes.Where(w => now - w < TimeSpan.FromHours(1)).ToList();
        if (recent.Count >= _options.MaxWrongCodesPerHour)
        {
            return (t["chat.link.tooMany"], _billing.Members.AccountsOf(userId));
        }

        try
        {
            var membership = _billing.Members.Redeem(code, userId);
            var account = _billing.Accounts.Get(membership.AccountId);
            dialog.Update(s => s with { AccountId = membership.AccountId, WrongCodes = [] });
            return (t["chat.link.done", ("name", account.Name), ("role", membership.Role)], _billing.Members.AccountsOf(userId));
        }
        catch (BillingException e) when (e.Error == BillingError.InvalidInvitation)
        {
            dialog.Update(s => s with { WrongCodes = [.. recent, now] });
            return (t.Error(e), _billing.Members.AccountsOf(userId));
        }
    }

    private void Save(ChatSession session, long updateId) => _billing.Store.Write(() =>
    {
        _sessions.Upsert(session);
        if (updateId > 0)
        {
            _handled.Upsert(new HandledUpdate(updateId, _time.GetUtcNow()));
        }
    });
}
