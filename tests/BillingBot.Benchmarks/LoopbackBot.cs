using System.Diagnostics;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Hosting;
using BillingBot.Telegram.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace BillingBot.Benchmarks;

/// <summary>What the benchmarks that drive the real bot host share: the host on loopback, and many clients at once.</summary>
internal static class LoopbackBot
{
    /// <summary>The bot host polling <paramref name="emulator"/>, on <paramref name="database"/>, its HTTP and operator API on free loopback ports.</summary>
    public static WebApplicationBuilder Builder(BotApiEmulator emulator, string database, params KeyValuePair<string, string?>[] more)
    {
        var builder = BillingHost.CreateBotBuilder([], [
            new("Telegram:Token", emulator.Token),
            new("Telegram:BaseUrl", emulator.BaseUrl.ToString()),
            new("Storage:Path", database),
            new("Http:Urls", "http://127.0.0.1:0"),
            new("Admin:Urls", "http://127.0.0.1:0"),
            .. more,
        ]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    /// <summary>1 … <paramref name="count"/>, every tenth twice: a caller retrying must not be applied twice.</summary>
    public static int[] OneInTenTwice(int count) =>
        [.. Enumerable.Range(1, count).SelectMany(i => Enumerable.Repeat(i, i % 10 == 0 ? 2 : 1))];

    /// <summary>Sends each of <paramref name="requests"/> once, from <paramref name="clients"/> clients at once; returns how many <paramref name="send"/> said failed.</summary>
    public static async Task<int> FromClientsAsync(int clients, int[] requests, Func<int, Task<bool>> send)
    {
        var next = -1;
        var failed = 0;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var at = Interlocked.Increment(ref next); at < requests.Length; at = Interlocked.Increment(ref next))
            {
                if (!await send(requests[at]))
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return failed;
    }

    /// <summary>
    /// How the keyed-posting benchmarks measure: <paramref name="warmUp"/> posts to an account of their own (a fresh
    /// process runs its first seconds on code the JIT has not optimized yet), then <paramref name="count"/> keyed posts,
    /// one in ten twice, to <paramref name="shop"/>, each of which should move its balance by <paramref name="each"/> once.
    /// <paramref name="post"/> posts <c>{prefix}-{n}</c> for each n to an account and returns how many were refused.
    /// </summary>
    public static async Task<KeyedRun> KeyedRunAsync(BillingService billing, string shop, int warmUp, int count, decimal each, Func<int, string, int[], Task<int>> post)
    {
        var warmUpShop = billing.Accounts.Create(new NewAccount("Warm-up shop", "USD", 0m));
        await post(warmUpShop.Id, "warm-up", [.. Enumerable.Range(1, warmUp)]);

        var account = billing.Accounts.Create(new NewAccount(shop, "USD", 0m));
        var requests = OneInTenTwice(count);
        var clock = Stopwatch.StartNew();
        var refused = await post(account.Id, "bench", requests);
        var elapsed = clock.Elapsed;
        return new KeyedRun(requests.Length, elapsed, refused, count - (int)(billing.Accounts.Get(account.Id).Balance / each));
    }
}

/// <summary>One <see cref="LoopbackBot.KeyedRunAsync"/>: <paramref name="Lost"/> below zero is how many were applied twice.</summary>
internal sealed record KeyedRun(int Requests, TimeSpan Elapsed, int Refused, int Lost)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    public bool Exact => Refused == 0 && Lost == 0;

    public string Figure => $"{Figures.Seconds(Elapsed)}, {Figures.Number(PerSecond)} requests/s, refused {Refused}, lost {Math.Max(0, Lost)}, doubled {Math.Max(0, -Lost)}";
}
