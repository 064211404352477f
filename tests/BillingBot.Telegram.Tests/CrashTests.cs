using System.Diagnostics;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Members;
using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>A bot killed in the middle of a burst: after a restart every update is handled, none twice.</summary>
public sealed class CrashTests : BotTest
{
    private const int Chats = 100;
    private const int PerChat = 10;

    [Fact]
    public async Task Burst_BotKilledMidway_AfterRestartEveryUpdateHandledAndNoneAnsweredTwice()
    {
        for (var chat = 1; chat <= Chats; chat++)
        {
            var account = Bot.Billing.Accounts.Create(new NewAccount($"Shop {chat}", "USD", 0m));
            Bot.Billing.Members.Redeem(Bot.Billing.Members.Invite(account.Id, Role.Owner), chat);
        }

        await Bot.DisposeAsync();
        using (Emulator.HoldUpdates())
        {
            for (var turn = 0; turn < PerChat; turn++)
            {
                for (var chat = 1; chat <= Chats; chat++)
                {
                    Emulator.SendText(chat, "/menu", chat);
                }
            }
        }

        // The real program in a process of its own, killed once it has answered part of the burst. No tariff: its clock
        // is the real one, years past the test's, and nothing may be charged or told meanwhile.
        using (var child = StartBot())
        {
            var watch = Stopwatch.StartNew();
            while (Answered() < Chats * PerChat / 4 && !child.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(2);
            }

            Assert.False(child.HasExited, "the bot stopped by itself: " + (child.HasExited ? await child.StandardError.ReadToEndAsync() : ""));
            child.Kill(); // SIGKILL: no finally blocks, no disposal.
            await child.WaitForExitAsync();
        }

        var beforeRestart = Answered();
        Assert.InRange(beforeRestart, 1, (Chats * PerChat) - 1);
        Bot = await BotHost.StartAsync(Emulator, DbPath);
        await Emulator.WaitForConfirmedAsync(Emulator.LastUpdateId, TimeSpan.FromSeconds(60));

        // Each update is answered at most once; only the replies of the batches in flight at the kill may be missing.
        var watchReplies = Stopwatch.StartNew();
        while (Answered() < Chats * PerChat - 200 && watchReplies.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        for (var chat = 1; chat <= Chats; chat++)
        {
            Assert.InRange(Menus(chat), PerChat - 2, PerChat);
        }

        Assert.InRange(Answered(), (Chats * PerChat) - 200, Chats * PerChat);
    }

    private int Answered() => Enumerable.Range(1, Chats).Sum(Menus);

    /// <summary>The menus the chat was shown (a digest or a notice the schedule may send meanwhile is not one).</summary>
    private int Menus(int chat) => Emulator.Messages(chat).Count(m => m.PlainText.StartsWith($"Shop {chat}\n", StringComparison.Ordinal));

    private Process StartBot() =>
        ChildBot.Start(Emulator, DbPath, Folder, new Dictionary<string, string> { ["BillingBot__Telegram__PollTimeoutSeconds"] = "1" });
}
