using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Hosting;
using BillingBot.Payments;
using BillingBot.Telegram.Emulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace BillingBot.Benchmarks;

/// <summary>
/// Signed payments posted to the real bot host's webhook on loopback by 16 clients at once, one in ten sent twice,
/// after a warm-up: requests a second, and every payment credited exactly once.
/// </summary>
internal static class WebhookBenchmark
{
    private const string Secret = "benchmark-secret";
    private const int Clients = 16;
    private const int WarmUp = 10_000;

    public static async Task RunAsync(Workspace workspace, int payments)
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        await using var host = LoopbackBot.Builder(emulator, workspace.File("webhook.db"), KeyValuePair.Create("Payments:WebhookSecret", (string?)Secret)).BuildBot();
        await host.StartAsync();
        var billing = host.Services.GetRequiredService<BillingService>();
        var address = new Uri(host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        using var http = new HttpClient { BaseAddress = address };

        // A fresh process runs its first seconds on code the JIT has not optimized yet: warmed up on an account of
        // its own, the figure is the pace of a bot that has been running, as in production.
        var warmUp = billing.Accounts.Create(new NewAccount("Warm-up shop", "USD", 0m));
        await PostAsync(http, warmUp.Id, "warm-up", Enumerable.Range(1, WarmUp).ToArray());

        // Every tenth payment is posted twice: a provider retrying must not pay twice.
        var shop = billing.Accounts.Create(new NewAccount("Webhook shop", "USD", 0m));
        var requests = LoopbackBot.OneInTenTwice(payments);
        var clock = Stopwatch.StartNew();
        var failed = await PostAsync(http, shop.Id, "bench", requests);
        var elapsed = clock.Elapsed;
        await host.StopAsync();

        var perSecond = requests.Length / elapsed.TotalSeconds;
        var credited = billing.Accounts.Get(shop.Id).Balance / 1.25m;
        var lost = payments - (int)credited;
        Figures.Print(
            $"payment webhook, {Figures.Number(requests.Length)} signed requests ({Figures.Number(payments)} payments, one in ten twice), {Clients} clients on loopback, after {Figures.Number(WarmUp)} to warm up",
            $"{Figures.Seconds(elapsed)}, {Figures.Number(perSecond)} requests/s, refused {failed}, lost {Math.Max(0, lost)}, doubled {Math.Max(0, -lost)}",
            ">= 8,000/s, 0 lost, 0 doubled",
            perSecond >= 8_000 && failed == 0 && lost == 0);
    }

    /// <summary>Posts payment <c>{prefix}-{n}</c> for each n of <paramref name="requests"/>, from all clients at once; returns how many were not answered 200.</summary>
    private static Task<int> PostAsync(HttpClient http, int accountId, string prefix, int[] requests) =>
        LoopbackBot.FromClientsAsync(Clients, requests, async n =>
        {
            var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"payment_id\":\"{prefix}-{n}\",\"account_id\":{accountId},\"amount\":1.25,\"currency\":\"USD\"}}"));
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, PaymentWebhook.Path) { Content = content };
            request.Headers.Add(PaymentWebhook.SignatureHeader, PaymentWebhook.Sign(Secret, body));
            using var response = await http.SendAsync(request);
            return response.StatusCode == HttpStatusCode.OK;
        });
}
