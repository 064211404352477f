using System.Net;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Storage;
using BillingBot.Tests.Common;

namespace BillingBot.Telegram.Tests;

/// <summary>Damaged data found while the bot runs: it stops taking money everywhere, says so once, and health says why.</summary>
public sealed class DamagedStoreBotTests : BotTest
{
    private const string Secret = "damaged-store-secret";
    private const long Owner = 7020;
    private static readonly HttpClient Http = new();
    private static readonly KeyValuePair<string, string?>[] Settings =
    [
        new("Payments:WebhookSecret", Secret),
        new("Payments:Telegram:ProviderToken", "284685063:TEST:provider"),
    ];

    [Fact]
    public async Task AccountThatDoesNotDecode_EveryPaymentIs503_CheckoutSaysNo_HealthSaysDamaged_LoggedOnce()
    {
        var damaged = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m)).Id;
        var whole = Bot.Billing.Accounts.Create(new NewAccount("Bakery", "USD", 0m)).Id;
        await Bot.LinkAsync(Owner, whole);
        var number = Bot.Billing.Invoices.Issue(whole, 120.50m, "damaged-store-invoice").Number;
        await Bot.DisposeAsync();
        using (var store = new BillingStore(DbPath))
        {
            Garbage.InRecentCharges(store, damaged);
        }

        Bot = await BotHost.StartAsync(Emulator, DbPath, settings: Settings);
        var found = await Bot.PostPaymentAsync(Secret, damaged, "sa-damaged");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, found.StatusCode);
        Assert.Contains("store is damaged", await found.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(found.Headers.RetryAfter);

        // Money for an account that reads well is not taken either, and nothing brings the store back but a restart.
        var other = await Bot.PostPaymentAsync(Secret, whole, "sa-whole");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, other.StatusCode);
        var checkout = await Emulator.WaitForPreCheckoutAnswerAsync(Emulator.PreCheckout(Owner, number, "USD", 12_050).Id, TimeSpan.FromSeconds(20));
        Assert.False(checkout.Ok);
        var health = await Http.GetAsync(new Uri(Bot.HttpAddress, "/healthz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("damaged data", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StoreFault.Damaged, Bot.Billing.Store.Fault);
        Assert.Single(Bot.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("damaged data", StringComparison.Ordinal));
        Assert.DoesNotContain(Bot.Logs.Lines, l => l.Contains("takes writes again", StringComparison.Ordinal));
        Assert.Equal(0m, Bot.Billing.Accounts.Get(whole).Balance);
    }
}
