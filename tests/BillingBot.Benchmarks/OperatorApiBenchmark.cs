using System.Net.Http.Json;
using BillingBot.Admin;
using BillingBot.Billing;
using BillingBot.Cli;
using BillingBot.Hosting;
using BillingBot.Telegram.Emulator;
using Microsoft.Extensions.DependencyInjection;

namespace BillingBot.Benchmarks;

/// <summary>
/// Usage charges with keys sent to the running bot's operator API by 16 clients at once, one in ten sent twice, as the
/// resource and as the command, after a warm-up: requests a second, and every charge applied exactly once.
/// </summary>
internal static class OperatorApiBenchmark
{
    private const int Clients = 16;
    private const int WarmUp = 2_000;

    public static async Task RunAsync(Workspace workspace, int charges)
    {
        await using var emulator = await BotApiEmulator.StartAsync();
        await using var host = LoopbackBot.Builder(emulator, workspace.File("operator.db")).BuildBot();
        await host.StartAsync();
        var billing = host.Services.GetRequiredService<BillingService>();
        var endpoint = BotEndpoint.Read(billing.Store.Path) ?? throw new InvalidOperationException("the bot wrote no endpoint file");
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken.Read(AdminToken.PathOf(billing.Store.Path)));

        // Each way an integration may post usage: the resource with an Idempotency-Key header, and the command as the
        // command line words it (which parses the whole command line each time).
        foreach (var (way, post) in new (string, Func<HttpClient, int, string, int[], Task<int>>)[] { ("POST /v1/accounts/{id}/charges", PostResourceAsync), ("POST /v1/commands, charges post --key", PostCommandAsync) })
        {
            // Every tenth charge is posted twice: an integration retrying must not charge twice.
            var run = await LoopbackBot.KeyedRunAsync(billing, "Usage shop", WarmUp, charges, -0.01m, (account, prefix, requests) => post(http, account, prefix, requests));
            Figures.Print(
                $"operator API, {way}, {Figures.Number(run.Requests)} requests ({Figures.Number(charges)} charges with keys, one in ten twice), {Clients} clients on loopback, after {Figures.Number(WarmUp)} to warm up",
                run.Figure,
                ">= 2,000/s, 0 lost, 0 doubled",
                run.PerSecond >= 2_000 && run.Exact);
        }

        await host.StopAsync();
    }

    /// <summary>Posts charge <c>{prefix}-{n}</c> for each n of <paramref name="requests"/> to the account's charges, from all clients at once; returns how many did not succeed.</summary>
    private static Task<int> PostResourceAsync(HttpClient http, int accountId, string prefix, int[] requests) =>
        LoopbackBot.FromClientsAsync(Clients, requests, async n =>
        {
            using var content = JsonContent.Create(new ChargeRequest(0.01m, new DateOnly(2022, 9, 28)), options: Formats.Json);
            content.Headers.Add(OperatorResources.KeyHeader, $"{prefix}-{n}");
            using var response = await http.PostAsync($"/v1/accounts/{accountId}/charges", content);
            return response.StatusCode == System.Net.HttpStatusCode.Created;
        });

    /// <summary>The same through the command tunnel.</summary>
    private static Task<int> PostCommandAsync(HttpClient http, int accountId, string prefix, int[] requests) =>
        LoopbackBot.FromClientsAsync(Clients, requests, async n =>
        {
            var request = new CommandRequest(
                ["charges", "post", $"{accountId}", "--date", "2022-09-28", "--amount", "0.01", "--key", $"{prefix}-{n}", "--json"],
                "/",
                new Dictionary<string, CarriedFile>());
            using var response = await http.PostAsJsonAsync(AdminApi.CommandsPath, request, Formats.Json);
            var answer = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<CommandAnswer>(Formats.Json) : null;
            return answer is { ExitCode: OperatorCommandLine.Ok };
        });
}
