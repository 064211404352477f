using BillingBot.Chat;
using BillingBot.Dialogs;
using BillingBot.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace BillingBot.Telegram;

/// <summary>
/// Long-polls Telegram and hands updates to the chat engine: one chat's updates strictly in order, different chats at once.
/// The offset moves past a batch only after every update in it was handled, and pending updates are never dropped
/// (they may carry payments).
/// </summary>
internal sealed class TelegramPolling(ITelegramBotClient bot, ChatEngine engine, Notifier notifier, IOptions<TelegramOptions> options, ILogger<TelegramPolling> logger) : BackgroundService
{
    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.MyChatMember];
    private readonly TelegramOutput _output = new(bot);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        engine.ForgetHandledUpdates(TimeSpan.FromDays(7));
        await RegisterCommandsAsync(stoppingToken);
        var offset = 0;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await bot.GetUpdates(offset, 100, options.Value.PollTimeoutSeconds, Wanted, stoppingToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ApiRequestException e) when (e.Parameters?.RetryAfter is { } retryAfter)
            {
                Log.RateLimited(logger, TimeSpan.FromSeconds(retryAfter));
                await Task.Delay(TimeSpan.FromSeconds(retryAfter), stoppingToken);
                continue;
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, failures++)));
                Log.PollFailed(logger, e, delay);
                await Task.Delay(delay, stoppingToken);
                continue;
            }

            await HandleBatchAsync(updates, stoppingToken);
            if (updates.Length > 0)
            {
                offset = updates[^1].Id + 1;
            }
        }
    }

    private async Task HandleBatchAsync(Update[] updates, CancellationToken cancellationToken)
    {
        var byChat = updates.GroupBy(ChatOf).ToList();
        await Parallel.ForEachAsync(byChat, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentChats, CancellationToken = cancellationToken }, async (chat, ct) =>
        {
            foreach (var update in chat)
            {
                await HandleAsync(update, ct);
            }
        });
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
                case { CallbackQuery: { Message: { } message } query }:
                    await engine.HandleAsync(new Incoming(update.Id, message.Chat.Id, query.From.Id, query.From.LanguageCode, Callback: query.Data ?? "", CallbackId: query.Id, MessageId: message.MessageId), _output, cancellationToken);
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

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var me = await bot.GetMe(cancellationToken);
            engine.BotUsername = me.Username;
            Log.Polling(logger, me.Username);
            // getUpdates is refused while a webhook is set; its pending updates are kept (they may carry payments).
            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken);
            foreach (var language in new[] { "en", "ru" })
            {
                var t = engine.TextFor(language);
                BotCommand[] commands = [new("start", t["command.start"]), new("menu", t["command.menu"]), new("cancel", t["command.cancel"])];
                await bot.SetMyCommands(commands, languageCode: language, cancellationToken: cancellationToken);
                if (language == "en")
                {
                    await bot.SetMyCommands(commands, cancellationToken: cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.CommandsFailed(logger, e);
        }
    }

    private static long ChatOf(Update update) => update switch
    {
        { Message.Chat.Id: var id } => id,
        { CallbackQuery.Message.Chat.Id: var id } => id,
        { CallbackQuery.From.Id: var id } => id,
        { MyChatMember.Chat.Id: var id } => id,
        // Not about a chat: its own group, so it waits for no one.
        _ => -update.Id,
    };
}
