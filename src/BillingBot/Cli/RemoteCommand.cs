using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using BillingBot.Admin;

namespace BillingBot.Cli;

/// <summary>
/// A command for a database that a running bot owns: sent to the bot's operator API with the files it names, and
/// printed as the bot answered, so both paths print the same text and exit with the same code.
/// </summary>
internal static class RemoteCommand
{
    public static int Run(BotEndpoint bot, string databasePath, OperatorContext c, ParseResult parse, string[] args, TextWriter error)
    {
        var configured = c.Configuration[$"{AdminOptions.Section}:{nameof(AdminOptions.Token)}"];
        var token = (string.IsNullOrEmpty(configured) ? AdminToken.Read(AdminToken.PathOf(databasePath)) : configured)
            ?? throw new OperatorException(c.T("cli.error.botToken", ("path", databasePath), ("pid", bot.ProcessId)));
        var local = new LocalFiles();
        var files = new Dictionary<string, CarriedFile>(StringComparer.Ordinal);
        foreach (var path in PathsOf(local, parse, c.InputFiles))
        {
            files[path] = new CarriedFile(local.Exists(path), local.IsOtherFile(path), local.Read(path));
        }

        foreach (var path in PathsOf(local, parse, c.OutputFiles))
        {
            files[path] = new CarriedFile(local.Exists(path), local.IsOtherFile(path), null);
        }

        var request = new CommandRequest(args, Directory.GetCurrentDirectory(), files);
        CommandAnswer? answer;
        // Loopback, never through a proxy; a long command (an accrual, a backup) may take minutes.
        using (var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri(bot.Url), Timeout = TimeSpan.FromMinutes(30) })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            try
            {
                using var response = http.PostAsJsonAsync(AdminApi.CommandsPath, request, Formats.Json).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    throw new OperatorException(c.T("cli.error.botToken", ("path", databasePath), ("pid", bot.ProcessId)));
                }

                response.EnsureSuccessStatusCode();
                answer = response.Content.ReadFromJsonAsync<CommandAnswer>(Formats.Json).GetAwaiter().GetResult();
            }
            catch (HttpRequestException e)
            {
                throw new OperatorException(c.T("cli.error.botUnreachable", ("path", databasePath), ("pid", bot.ProcessId), ("url", bot.Url), ("reason", e.Message)));
            }
        }

        if (answer is null)
        {
            throw new OperatorException(c.T("cli.error.botUnreachable", ("path", databasePath), ("pid", bot.ProcessId), ("url", bot.Url), ("reason", "empty answer")));
        }

        foreach (var (path, content) in answer.Files)
        {
            try
            {
                local.Write(path, content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OperatorException(c.T("cli.error.cannotWrite", ("path", path), ("reason", e.Message)));
            }
        }

        c.Output.Write(answer.Output);
        error.Write(answer.Error);
        return answer.ExitCode;
    }

    /// <summary>The full paths, in this process's folder, that <paramref name="symbols"/> were given.</summary>
    internal static IEnumerable<string> PathsOf(LocalFiles local, ParseResult parse, IEnumerable<Symbol> symbols) =>
        symbols.Select(parse.GetResult).OfType<System.CommandLine.Parsing.SymbolResult>()
            .SelectMany(r => r.Tokens).Select(t => local.Resolve(t.Value));
}
