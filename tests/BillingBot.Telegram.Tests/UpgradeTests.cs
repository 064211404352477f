using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.ConsoleChat;
using BillingBot.Dialogs;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Telegram.Tests;

/// <summary>A database made by the previous release, opened by this one: its money is there and a chat in a flow goes on.</summary>
public sealed class UpgradeTests : BotTest
{
    /// <summary>
    /// Made by the release of 2026-12-01 (commit a0ee1f8): its console chat's demo, with the chat left in the middle of a
    /// top-up, asked for the amount (typed <c>1</c>, then <c>2</c>: the Flower shop, Top up).
    /// </summary>
    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "Fixtures", "release-2026-12-01.db");

    [Fact]
    public async Task PreviousReleasesDatabase_ChatInTheMiddleOfATopUp_GoesOnWhereItWas()
    {
        await Bot.DisposeAsync();
        File.Copy(Fixture, DbPath, overwrite: true);
        ChatSession left;
        using (var store = new BillingStore(DbPath))
        {
            left = store.Read(() => store.Collection<ChatSession>("chats").FindById(DemoData.UserId));
        }

        Assert.Equal(DialogState.TopUpAmount, left.State);
        // A minute after the chat was left, so the flow has not timed out.
        Bot = await BotHost.StartAsync(Emulator, DbPath, new FakeTimeProvider(left.LastActivity.AddMinutes(1)));
        var shop = Bot.Billing.Accounts.Get(left.AccountId!.Value);
        Assert.Equal("Flower shop", shop.Name);
        Assert.Equal(141.10m, shop.Balance);

        // The chat was left after nine, so the morning's digest may come meanwhile: the reply is the screen to confirm.
        Emulator.SendText(DemoData.UserId, "250", DemoData.UserId, "en");
        var confirm = await Emulator.WaitForMessageAsync(DemoData.UserId, m => m.Buttons.Any(b => b.Text == "Confirm"));
        var issued = await Bot.PressAsync(confirm, "Confirm");

        Assert.Contains("$250.00", confirm.PlainText, StringComparison.Ordinal);
        Assert.Contains(Bot.Billing.Invoices.List(shop.Id), i => i.Amount == 250m && issued.PlainText.Contains(i.Number, StringComparison.Ordinal));
    }
}
