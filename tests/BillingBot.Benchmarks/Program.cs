using BillingBot.Benchmarks;

var options = BenchmarkOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: BillingBot.Benchmarks [--accounts N] [--history-entries N] [--history-calls N] [--keep]");
    return 2;
}

using var workspace = new Workspace(options.Keep);
Console.WriteLine($"BillingBot benchmarks: {Figures.Number(options.Accounts)} accounts, {Environment.ProcessorCount} cores, .NET {Environment.Version}, folder {workspace.Folder}");
var database = AccrualBenchmark.Run(workspace, options.Accounts);
HistoryBenchmark.Run(database, options.HistoryEntries, options.HistoryCalls);
Figures.Memory();
return 0;
