using BillingBot.Cli;

namespace BillingBot.Admin;

/// <summary>An operator command for the running bot: the words as typed, the operator's folder, and the files it names.</summary>
internal sealed record CommandRequest(IReadOnlyList<string> Args, string WorkingDirectory, IReadOnlyDictionary<string, CarriedFile> Files);

/// <summary>What the command printed, its exit code, and the files it wrote for the operator, by the operator's full path.</summary>
internal sealed record CommandAnswer(int ExitCode, string Output, string Error, IReadOnlyDictionary<string, byte[]> Files);
