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
internal sealed class UpdateHandler(ITelegramBotClient bot, ChatEngine engine, Notifier notifier, TelegramPayments payments, IOptions<TelegramOptions> options, ILogger<UpdateHandler> logger)
{
    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember, UpdateType.PreCheckoutQuery];

    private readonly TelegramOutput _output = new(bot);

    /// <summary>A chat's updates wait on one of these gates (chats share them by their id): bounded, and in order per chat.</summary>
    private readonly SemaphoreSlim[] _chatGates = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>A batch from getUpdates: each chat's updates in order, different chats at once.</summary>
    public async Task HandleBatchAsync(Update[] updates, CancellationToken cancellationToken)
    {
        var byChat = updates.GroupBy(ChatOf).ToList();
        await Parallel.ForEachAsync(byChat, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentChats, CancellationToken = cancellationToken }, async (chat, ct) =>
        {
            foreach (var update in chat)
            {
                await HandleInOrderAsync(update, ct);
            }
        });
    }

    /// <summary>One update, after any earlier one of the same chat still being handled (webhook requests may overlap).</summary>
    public async Task HandleInOrderAsync(Update update, CancellationToken cancellationToken)
    {
        var gate = _chatGates[(int)((ulong)ChatOf(update) % (ulong)_chatGates.Length)];
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
                case { Message: { Text: { } text, From: { } from } message }:
                    await engine.HandleAsync(new Incoming(update.Id, message.Chat.Id, from.Id, from.LanguageCode, Text: text), _output, cancellationToken);
                    break;
                case { CallbackQuery: { Data: { } data, Message: { } paying } payQuery } when data.StartsWith(Screens.PayInTelegramData, StringComparison.Ordinal):
                    var refusal = await payments.SendInvoiceAsync(paying.Chat.Id, payQuery.From.Id, data[Screens.PayInTelegramData.Length..], engine.Session(paying.Chat.Id)?.Language ?? "en", cancellationToken);
                    await bot.AnswerCallbackQuery(payQuery.Id, refusal, showAlert: refusal is not null, cancellationToken: cancellationToken);
                    engine.MarkHandled(update.Id);
                    break;
                case { CallbackQuery: { Message: { } message } query }:
                    await engine.HandleAsync(new Incoming(update.Id, message.Chat.Id, query.From.Id, query.From.LanguageCode, Callback: query.Data ?? "", CallbackId: query.Id, MessageId: message.MessageId), _output, cancellationToken);
                    break;
                case { PreCheckoutQuery: { } query }:
                    await payments.AnswerAsync(query, cancellationToken);
                    engine.MarkHandled(update.Id);
                    break;
                case { Message: { SuccessfulPayment: { } paid, Chat.Id: var payingChat } }:
                    payments.Record(payingChat, paid);
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
        catch (ApiRequestException e) when (e.ErrorCode == 403)
        {
            Log.Blocked(logger, chatId);
            await RecoverAsync(update, chatId, () => engine.SetReachable(chatId, reachable: false, update.Id), apologize: false, cancellationToken);
        }
        catch (Exception e)
        {
            Log.HandlerFailed(logger, e, update.Id, chatId);
            await RecoverAsync(update, chatId, () => engine.MarkHandled(update.Id), apologize: true, cancellationToken);
        }
    }

    /// <summary>Records the failed update and says sorry; nothing that fails here may stop the loop.</summary>
    private async Task RecoverAsync(Update update, long chatId, Action record, bool apologize, CancellationToken cancellationToken)
    {
        try
        {
            record();
            if (!apologize)
            {
                return;
            }

            var t = engine.TextFor(engine.Session(chatId)?.Language ?? "en");
            if (update.CallbackQuery is { } query)
            {
                await bot.AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken);
            }

            await bot.SendMessage(chatId, t["chat.error"], cancellationToken: cancellationToken);
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
