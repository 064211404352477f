using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Chat;
using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>Daily digests through the real host and client.</summary>
public sealed class DigestTests : BotTest
{
    [Fact]
    public async Task Digests_HostStoppedMidBroadcastAndStartedAgain_EveryChatGetsItsDigestOnce()
    {
        long[] chats = [.. Enumerable.Range(1, 40).Select(i => 9_000L + i)];
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 100m, AccountId: shop.Id));
        foreach (var chat in chats)
        {
            Bot.Billing.Members.Redeem(Bot.Billing.Members.Invite(shop.Id, Role.Manager), chat);
            Bot.Billing.Store.Write(() => Bot.Billing.Store.Collection<ChatSession>("chats").Upsert(new ChatSession { Id = chat, UserId = chat, AccountId = shop.Id }));
        }

        // At 10:00, past the default 09:00, the schedule's first pass after a start queues every digest.
        var ten = new ShiftedClock(new DateTimeOffset(2022, 9, 29, 10, 0, 0, TimeSpan.Zero));
        await RestartAsync(ten);
        await Emulator.WaitForMessageAsync(chats[0], m => m.PlainText.Contains("Charged yesterday", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        await RestartAsync(ten);
        bool Digest(SentMessage m) => m.PlainText.Contains("Charged yesterday", StringComparison.Ordinal);
        for (var wait = 0; wait < 300 && !chats.All(chat => Emulator.Messages(chat).Any(Digest)); wait++)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1_000);
        Assert.All(chats, chat => Assert.Single(Emulator.Messages(chat), Digest));
    }
}
