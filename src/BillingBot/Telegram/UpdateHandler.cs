using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Dialogs;
using BillingBot.Notifications;
using BillingBot.Payments;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace BillingBot.Telegram;

/// <summary>
/// Hands Telegram's updates, from polling or the webhook, to the chat engine: one chat's updates strictly in order,
/// different chats at once. A failing update is recorded as handled and apologized for; nothing stops the bot.
/// </summary>
/// <summary>A batch being handled: <see cref="Decided"/> once all of it is acted on and stored, <see cref="Done"/> once every reply is out.</summary>
internal sealed record BatchHandling(Task Decided, Task Done);

/// <summary>
/// A payment Telegram has charged could not be recorded (the store takes no writes): the update is not confirmed to
/// Telegram (the polling offset stays, the webhook answers an error) so that it is delivered again.
/// </summary>
internal sealed class PaymentNotRecordedException(int updateId, Exception cause)
    : Exception($"The payment of update {updateId} could not be recorded yet.", cause)
{
    public int UpdateId { get; } = updateId;
}

internal sealed class UpdateHandler(ITelegramBotClient bot, ChatEngine engine, Notifier notifier, TelegramPayments payments, IOptions<TelegramOptions> options, ILogger<UpdateHandler> logger)
{
    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.PreCheckoutQuery];

    private readonly TelegramOutput _output = new(bot);

    /// <summary>A chat's updates wait on one of these gates (chats share them by their id): bounded, and in order per chat.</summary>
    private readonly SemaphoreSlim[] _chatGates = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>A batch from getUpdates, handled to the end: every update acted on, stored, and answered.</summary>
    public Task HandleBatchAsync(Update[] updates, CancellationToken cancellationToken) => StartBatch(updates, cancellationToken).Done;

    /// <summary>
    /// Starts on a batch from getUpdates: each chat's updates in order, different chats at once. Texts and button presses
    /// are taken in rounds (the first of each chat, then the second …): a round is decided and stored in one transaction,
    /// its replies sent after the commit, and the message ids they live in kept for each chat's next update (stored with
    /// it, see <see cref="Chat.ChatSessions"/>); a chat's next round waits until its earlier reply is out and kept.
    /// Anything else (payments, migrations, membership changes) goes its own way, its chat's updates still in order.
    /// </summary>
    /// <returns>
    /// <see cref="BatchHandling.Decided"/> once every update is acted on and stored (the polling offset may move past the
    /// batch, and the next one may be fetched), and <see cref="BatchHandling.Done"/> once every reply is out.
    /// </returns>
    public BatchHandling StartBatch(Update[] updates, CancellationToken cancellationToken)
    {
        var decided = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new BatchHandling(decided.Task, RunBatchAsync(updates, decided, cancellationToken));
    }

    private async Task RunBatchAsync(Update[] updates, TaskCompletionSource decided, CancellationToken cancellationToken)
    {
        try
        {
            var byChat = updates.GroupBy(ChatOf).ToList();
            var plain = byChat.Where(chat => chat.All(u => ChatUpdate(u) is not null)).ToList();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentChats, CancellationToken = cancellationToken };
            var others = Parallel.ForEachAsync(byChat.Except(plain), parallel, async (chat, ct) => await HandleChatAsync(chat, ct));

            var delivering = Task.CompletedTask;
            var rounds = plain.SelectMany(chat => chat.Select((update, turn) => (update, turn))).GroupBy(x => x.turn, x => x.update).OrderBy(g => g.Key);
            foreach (var round in rounds)
            {
                // The chats of this round had their earlier update in the one before: its replies go first.
                await delivering;
                delivering = await DecideRoundAsync([.. round], parallel, cancellationToken);
            }

            await others;
            decided.TrySetResult();
            await delivering;
        }
        catch (Exception e)
        {
            decided.TrySetException(e);
            throw;
        }
    }

    /// <summary>
    /// One chat's updates in order. After a payment that could not be recorded the chat's later updates wait for Telegram
    /// to deliver them again with it, except a pre-checkout query, which must be answered (no) within seconds.
    /// </summary>
    private async Task HandleChatAsync(IEnumerable<Update> chat, CancellationToken cancellationToken)
    {
        PaymentNotRecordedException? held = null;
        foreach (var update in chat)
        {
            if (held is not null && update.PreCheckoutQuery is null)
            {
                continue;
            }

            try
            {
                await HandleInOrderAsync(update, cancellationToken);
            }
            catch (PaymentNotRecordedException e)
            {
                held ??= e;
            }
        }

        if (held is not null)
        {
            throw held;
        }
    }

    /// <summary>Updates of different chats, each a text or a button press: decided in one transaction; returns their delivery.</summary>
    private async Task<Task> DecideRoundAsync(Update[] round, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        // Taken in one order, so two rounds never wait on each other; held until the round's replies are out and stored.
        var gates = round.Select(GateIndexOf).Distinct().Order().Select(i => _chatGates[i]).ToList();
        foreach (var gate in gates)
        {
            await gate.WaitAsync(cancellationToken);
        }

        var delivering = false;
        try
        {
            if (engine.DecideAll([.. round.Select(u => ChatUpdate(u)!)]) is { } replies)
            {
                // The delivery releases the gates once the replies are out and stored.
                delivering = true;
                return DeliverRoundAsync(round, replies, gates, parallel);
            }

            // One of them failed: each alone, so its failure is its own.
            await Parallel.ForEachAsync(round, parallel, async (update, ct) => await HandleAsync(update, ct));
            return Task.CompletedTask;
        }
        finally
        {
            if (!delivering)
            {
                Release(gates);
            }
        }
    }

    private async Task DeliverRoundAsync(Update[] round, IReadOnlyList<Reply?> replies, List<SemaphoreSlim> gates, ParallelOptions parallel)
    {
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, round.Length), parallel, async (i, ct) =>
            {
                if (replies[i] is not { } reply)
                {
                    return;
                }

                try
                {
                    await engine.DeliverAsync(reply, _output, ct);
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    await FailedAsync(round[i], e, ct);
                }
            });
        }
        finally
        {
            Release(gates);
        }
    }

    private static void Release(List<SemaphoreSlim> gates)
    {
        foreach (var gate in gates)
        {
            gate.Release();
        }
    }

    /// <summary>One update, after any earlier one of the same chat still being handled (webhook requests may overlap).</summary>
    public async Task HandleInOrderAsync(Update update, CancellationToken cancellationToken)
    {
        var gate = GateOf(update);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await HandleAsync(update, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        var chatId = ChatOf(update);
        try
        {
            switch (update)
            {
                // A group upgraded to a supergroup: Telegram posts in both, and the link follows it whichever comes first.
                case { Message.MigrateToChatId: { } supergroup }:
                    notifier.MoveChat(chatId, supergroup);
                    engine.MarkHandled(update.Id);
                    break;
                case { Message: { MigrateFromChatId: { } group, Chat.Id: var supergroup } }:
                    notifier.MoveChat(group, supergroup);
                    engine.MarkHandled(update.Id);
                    break;
                case { CallbackQuery: { Data: { } data, Message: { } paying } payQuery } when data.StartsWith(Screens.PayInTelegramData, StringComparison.Ordinal):
                    var refusal = await payments.SendInvoiceAsync(paying.Chat.Id, payQuery.From.Id, data[Screens.PayInTelegramData.Length..], engine.Session(paying.Chat.Id)?.Language ?? "en", cancellationToken);
                    await bot.AnswerCallbackQuery(payQuery.Id, refusal, showAlert: refusal is not null, cancellationToken: cancellationToken);
                    engine.MarkHandled(update.Id);
                    break;
                case var chat when ChatUpdate(chat) is { } incoming:
                    // Decided with the other chats' updates arriving meanwhile (webhook requests overlap), shown after.
                    if (await engine.DecideTogetherAsync(incoming) is { } reply)
                    {
                        await engine.DeliverAsync(reply, _output, cancellationToken);
                    }

                    break;
                case { PreCheckoutQuery: { } query }:
                    await payments.AnswerAsync(query, cancellationToken);
                    engine.MarkHandled(update.Id);
                    break;
                case { Message: { SuccessfulPayment: { } paid, Chat.Id: var payingChat } }:
                    try
                    {
                        payments.Record(payingChat, paid);
                    }
                    catch (StoreUnavailableException e)
                    {
                        // Telegram has charged the money: the update must come again until it is recorded.
                        throw new PaymentNotRecordedException(update.Id, e);
                    }

                    engine.MarkHandled(update.Id);
                    break;
                case { MyChatMember: { NewChatMember.Status: var status } member }:
                    var reachable = status is not (ChatMemberStatus.Kicked or ChatMemberStatus.Left);
                    if (!reachable)
                    {
                        Log.Blocked(logger, member.Chat.Id);
                    }

                    engine.SetReachable(member.Chat.Id, reachable, update.Id);
                    break;
                default:
                    engine.MarkHandled(update.Id);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (PaymentNotRecordedException)
        {
            // Neither recorded as handled nor apologized for: it is handled when Telegram delivers it again.
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await FailedAsync(update, e, cancellationToken);
        }
    }

    /// <summary>A chat that blocked the bot is marked so; any other failure is recorded as handled and apologized for.</summary>
    private async Task FailedAsync(Update update, Exception error, CancellationToken cancellationToken)
    {
        var chatId = ChatOf(update);
        if (error is ApiRequestException { ErrorCode: 403 })
        {
            Log.Blocked(logger, chatId);
            await RecoverAsync(update, chatId, () => engine.SetReachable(chatId, reachable: false, update.Id), apology: null, cancellationToken);
            return;
        }

        Log.HandlerFailed(logger, error, update.Id, chatId);
        // A text or a button press is known as handled by its chat, as when it succeeds.
        Action record = ChatUpdate(update) is null ? () => engine.MarkHandled(update.Id) : () => engine.MarkHandled(update.Id, chatId);
        await RecoverAsync(update, chatId, record, error is StoreUnavailableException ? "chat.storeUnavailable" : "chat.error", cancellationToken);
    }

    /// <summary>A text or a button press for the chat engine (a "Pay in Telegram" press is the payments' own); null for anything else.</summary>
    private static Incoming? ChatUpdate(Update update) => update switch
    {
        { Message: { MigrateToChatId: null, MigrateFromChatId: null, Text: { } text, From: { } from } message } =>
            // The name is kept only when someone joins with a code: it is not made for every other update.
            new Incoming(update.Id, message.Chat.Id, from.Id, from.LanguageCode, Text: text, UserName: text.StartsWith("/start ", StringComparison.Ordinal) ? NameOf(from) : null),
        { CallbackQuery: { Data: { } data } } when data.StartsWith(Screens.PayInTelegramData, StringComparison.Ordinal) => null,
        { CallbackQuery: { Message: { } message } query } =>
            new Incoming(update.Id, message.Chat.Id, query.From.Id, query.From.LanguageCode, Callback: query.Data ?? "", CallbackId: query.Id, MessageId: message.MessageId),
        _ => null,
    };

    /// <summary>"Anna Petrova (@anna)", as much of it as the person has set.</summary>
    private static string NameOf(global::Telegram.Bot.Types.User user)
    {
        var name = $"{user.FirstName} {user.LastName}".Trim();
        return user.Username is { Length: > 0 } handle ? (name.Length > 0 ? $"{name} (@{handle})" : "@" + handle) : name;
    }

    private SemaphoreSlim GateOf(Update update) => _chatGates[GateIndexOf(update)];

    private int GateIndexOf(Update update) => (int)((ulong)ChatOf(update) % (ulong)_chatGates.Length);

    /// <summary>Records the failed update and says sorry (the text <paramref name="apology"/>, if any); nothing that fails here may stop the loop.</summary>
    private async Task RecoverAsync(Update update, long chatId, Action record, string? apology, CancellationToken cancellationToken)
    {
        try
        {
            string? language = null;
            try
            {
                record();
                language = engine.Session(chatId)?.Language;
            }
            catch (StoreUnavailableException) when (apology is not null)
            {
                // While the store takes nothing the person still hears that nothing happened, in the language Telegram gives.
                language = ChatEngine.LanguageOf(update.Message?.From?.LanguageCode ?? update.CallbackQuery?.From.LanguageCode, "en");
            }

            if (apology is null)
            {
                return;
            }

            var t = engine.TextFor(language ?? "en");
            if (update.CallbackQuery is { } query)
            {
                await bot.AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken);
            }

            await bot.SendMessage(chatId, t[apology], cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HandlerFailed(logger, e, update.Id, chatId);
        }
    }

    private static long ChatOf(Update update) => update switch
    {
        { Message.Chat.Id: var id } => id,
        { CallbackQuery.Message.Chat.Id: var id } => id,
        { CallbackQuery.From.Id: var id } => id,
        { MyChatMember.Chat.Id: var id } => id,
        { PreCheckoutQuery.From.Id: var id } => id,
        // Not about a chat: its own group, so it waits for no one.
        _ => -update.Id,
    };
}
