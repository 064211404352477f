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
}
