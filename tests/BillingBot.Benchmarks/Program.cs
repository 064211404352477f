using BillingBot.Benchmarks;

var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: BillingBot.Benchmarks [--accounts N] [--history-entries N] [--history-calls N] [--keep] [--sender-only | --ledger-only | --no-sender | --webhook-only | --updates-only | --memory-only | --faults-only]");
    return 2;
}

using var workspace = new Workspace(options.Keep);
Console.WriteLine($"BillingBot benchmarks: {Figures.Number(options.Accounts)} accounts, {Environment.ProcessorCount} cores, .NET {Environment.Version}, folder {workspace.Folder}");
if (options.Ledger)
{
    var database = AccrualBenchmark.Run(workspace, options.Accounts);
    HistoryBenchmark.Run(database, options.HistoryEntries, options.HistoryCalls);
    DigestBenchmark.Run(database);
    StatementBenchmark.Run(database);
}

if (options.Memory)
{
    await MemoryBenchmark.RunAsync(workspace, options.Accounts);
}

if (options.Sender)
{
    await SenderBenchmark.RunAsync(workspace, limit: 30, count: 1_500);
    await SenderBenchmark.RunAsync(workspace, limit: 1_000, count: 20_000);
}

if (options.Webhook)
{
    await WebhookBenchmark.RunAsync(workspace, payments: 20_000);
    await OperatorApiBenchmark.RunAsync(workspace, charges: 10_000);
}

if (options.Updates)
{
    await UpdateBenchmark.RunAsync(workspace, chats: 1_000, perChat: 20);
}

if (options.Faults)
{
    await FaultBenchmark.RunAsync(workspace);
}

Figures.Memory();
return 0;
