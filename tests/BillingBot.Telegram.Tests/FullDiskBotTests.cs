using System.Net;
using BillingBot.Billing.Accounts;
using BillingBot.Tests.Common;

namespace BillingBot.Telegram.Tests;

/// <summary>The bot's database on a real disk that fills up while payments come in: what is answered as taken is kept, and what is not comes again.</summary>
public sealed class FullDiskBotTests : BotTest
{
    private const string Secret = "full-disk-secret";
    private const long Owner = 7010;
    private static readonly HttpClient Http = new();
    private static readonly KeyValuePair<string, string?>[] Webhook = [new("Payments:WebhookSecret", Secret)];

    [SkippableFact]
    public Task DiskFills_EveryPayment200IsThereAfterARestart_TheOthersAre503_HealthSaysSo_AndFreedSpaceTakesThemAgain() => OnASmallDiskAsync(Webhook, async (disk, path) =>
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m)).Id;
        await Bot.LinkAsync(Owner, shop, language: "ru");
        disk.FillLeaving(400_000);

        var answered = new List<(string Id, HttpResponseMessage Response)>();
        for (var round = 0; answered.All(a => a.Response.StatusCode == HttpStatusCode.OK) && round < 200; round++)
        {
            var ids = Enumerable.Range(round * 16, 16).Select(i => $"sa-{i}").ToList();
            var responses = await Task.WhenAll(ids.Select(id => Bot.PostPaymentAsync(Secret, shop, id)));
            answered.AddRange(ids.Zip(responses));
        }

        var recorded = answered.Where(a => a.Response.StatusCode == HttpStatusCode.OK).Select(a => a.Id).ToList();
        var refused = answered.Where(a => a.Response.StatusCode != HttpStatusCode.OK).ToList();
        Assert.NotEmpty(recorded);
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Response.StatusCode));
        Assert.All(refused, r => Assert.NotNull(r.Response.Headers.RetryAfter));
        Assert.Contains("disk is full", await refused[0].Response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var health = await Http.GetAsync(new Uri(Bot.HttpAddress, "/healthz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Contains("disk holding the store is full", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(Bot.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("cannot take writes", StringComparison.Ordinal));

        // The owner writes meanwhile: told in their language that nothing could be saved, not that something went wrong.
        Emulator.SendText(Owner, "/menu", Owner, "ru");
        await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.Contains("не можем ничего сохранить", StringComparison.Ordinal));

        // Space comes back: health says so by itself, and the payments refused are taken when the provider posts them again.
        disk.Empty();
        var healed = await Http.GetAsync(new Uri(Bot.HttpAddress, "/healthz"));
        for (var tries = 0; healed.StatusCode != HttpStatusCode.OK && tries < 50; tries++)
        {
            // The Telegram loop is alive once it has heard from Telegram, a moment after the start.
            await Task.Delay(100);
            healed = await Http.GetAsync(new Uri(Bot.HttpAddress, "/healthz"));
        }

        Assert.True(healed.StatusCode == HttpStatusCode.OK, await healed.Content.ReadAsStringAsync());
        Assert.Single(Bot.Logs.Lines, l => l.Contains("takes writes again", StringComparison.Ordinal));
        foreach (var (id, _) in refused)
        {
            Assert.Equal(HttpStatusCode.OK, (await Bot.PostPaymentAsync(Secret, shop, id)).StatusCode);
            recorded.Add(id);
        }

        await Bot.DisposeAsync();
        Bot = await BotHost.StartAsync(Emulator, path, settings: Webhook);
        var entries = Bot.Billing.Accounts.History(shop, pageSize: 10_000).Entries;
        Assert.Equal(recorded.Order(StringComparer.Ordinal), entries.Select(e => e.PaymentId!).Order(StringComparer.Ordinal));
        Assert.Equal(recorded.Count * 5m, Bot.Billing.Accounts.Get(shop).Balance);
    });

    [SkippableFact]
    public Task DiskFull_ATelegramPaymentIsNotConfirmedToTelegramUntilRecorded_AndCheckoutSaysNoMeanwhile() => OnASmallDiskAsync([new("Payments:Telegram:ProviderToken", "284685063:TEST:provider")], async (disk, _) =>
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m)).Id;
        await Bot.LinkAsync(Owner, shop);
        var number = Bot.Billing.Invoices.Issue(shop, 120.50m, "full-disk-invoice").Number;
        disk.FillLeaving(0);

        Emulator.SuccessfulPayment(Owner, number, "USD", 12_050, "charge-on-a-full-disk");
        var paid = Emulator.LastUpdateId;
        for (var tries = 0; Bot.Billing.Store.Fault is null && tries < 100; tries++)
        {
            await Task.Delay(50);
        }

        Assert.NotNull(Bot.Billing.Store.Fault);
        var checkout = await Emulator.WaitForPreCheckoutAnswerAsync(Emulator.PreCheckout(Owner, number, "USD", 12_050).Id, TimeSpan.FromSeconds(20));
        Assert.False(checkout.Ok);
        Assert.True(Emulator.ConfirmedOffset <= paid, $"offset {Emulator.ConfirmedOffset} confirmed the payment of update {paid}");
        Assert.Equal(0m, Bot.Billing.Accounts.Get(shop).Balance);

        // Space back: Telegram delivers the payment again, and now it is recorded and confirmed.
        disk.Empty();
        await Emulator.WaitForConfirmedAsync(paid, TimeSpan.FromSeconds(30));
        Assert.Equal(120.50m, Bot.Billing.Accounts.Get(shop).Balance);
    });

    /// <summary>Runs <paramref name="test"/> with the bot on a database on an 8 MB tmpfs of its own, and back on the test's folder after it.</summary>
    private async Task OnASmallDiskAsync(IEnumerable<KeyValuePair<string, string?>> settings, Func<SmallDisk, string, Task> test)
    {
        using var disk = SmallDisk.Mount(8 * 1024 * 1024);
        var path = Path.Combine(disk.Folder, "billing.db");
        try
        {
            await Bot.DisposeAsync();
            Bot = await BotHost.StartAsync(Emulator, path, settings: settings);
            await test(disk, path);
        }
        finally
        {
            // Back on the test's own folder before the small disk goes.
            await RestartAsync();
        }
    }
}
