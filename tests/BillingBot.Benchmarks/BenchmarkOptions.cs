using System.Globalization;

namespace BillingBot.Benchmarks;

/// <summary>Command-line options; defaults are the sizes the targets are stated for.</summary>
internal sealed record BenchmarkOptions(int Accounts = 100_000, int HistoryEntries = 10_000, int HistoryCalls = 200, bool Keep = false, bool Ledger = true, bool Sender = true, bool Webhook = true, bool Updates = true, bool Memory = true, bool Faults = true)
{
    public static BenchmarkOptions? Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--accounts" when Count(args, ++i) is { } n => options with { Accounts = n },
                "--history-entries" when Count(args, ++i) is { } n => options with { HistoryEntries = n },
                "--history-calls" when Count(args, ++i) is { } n => options with { HistoryCalls = n },
                "--keep" => options with { Keep = true },
                "--sender-only" => options with { Ledger = false, Updates = false, Memory = false, Faults = false },
                "--ledger-only" => options with { Sender = false, Webhook = false, Updates = false, Memory = false, Faults = false },
                "--no-sender" => options with { Sender = false, Webhook = false, Updates = false, Faults = false },
                "--webhook-only" => options with { Ledger = false, Sender = false, Updates = false, Memory = false, Faults = false },
                "--updates-only" => options with { Ledger = false, Sender = false, Webhook = false, Memory = false, Faults = false },
                "--memory-only" => options with { Ledger = false, Sender = false, Webhook = false, Updates = false, Faults = false },
                "--faults-only" => options with { Ledger = false, Sender = false, Webhook = false, Updates = false, Memory = false },
                _ => null,
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    private static int? Count(string[] args, int i) =>
        i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
