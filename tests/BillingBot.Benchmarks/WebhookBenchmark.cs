using System.Globalization;
using System.Net;
using System.Text;
using BillingBot.Billing;
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

        // Every tenth payment is posted twice: a provider retrying must not pay twice.
        var run = await LoopbackBot.KeyedRunAsync(billing, "Webhook shop", WarmUp, payments, 1.25m, (account, prefix, requests) => PostAsync(http, account, prefix, requests));
        await host.StopAsync();

        Figures.Print(
            $"payment webhook, {Figures.Number(run.Requests)} signed requests ({Figures.Number(payments)} payments, one in ten twice), {Clients} clients on loopback, after {Figures.Number(WarmUp)} to warm up",
            run.Figure,
            ">= 8,000/s, 0 lost, 0 doubled",
            run.PerSecond >= 8_000 && run.Exact);
    }

    /// <summary>Posts payment <c>{prefix}-{n}</c> for each n of <paramref name="requests"/>, from all clients at once; returns how many were not answered 200.</summary>
    private static Task<int> PostAsync(HttpClient http, int accountId, string prefix, int[] requests) =>
        LoopbackBot.FromClientsAsync(Clients, requests, async n => await PostPaymentAsync(http, Secret, accountId, $"{prefix}-{n}") == HttpStatusCode.OK);

    /// <summary>Posts payment <paramref name="paymentId"/> of 1.25 USD to the webhook, signed with <paramref name="secret"/>; returns the answer's status.</summary>
    public static async Task<HttpStatusCode> PostPaymentAsync(HttpClient http, string secret, int accountId, string paymentId)
    {
        var body = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"payment_id\":\"{paymentId}\",\"account_id\":{accountId},\"amount\":1.25,\"currency\":\"USD\"}}"));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, PaymentWebhook.Path) { Content = content };
        request.Headers.Add(PaymentWebhook.SignatureHeader, PaymentWebhook.Sign(secret, body));
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
