using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BillingBot.Billing;
using BillingBot.Documents;
using BillingBot.Hosting;
using BillingBot.Localization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingBot.Cli;

/// <summary>What every operator command shares: the global options, the billing services (opened on first use) and the output.</summary>
internal sealed class OperatorContext : IDisposable
{
    private readonly TimeProvider? _time;
    private readonly IServiceProvider? _bot;
    private readonly List<Symbol> _inputs = [];
    private readonly List<Symbol> _outputs = [];
    private ParseResult? _parse;
    private IHost? _host;
    private IConfiguration? _configuration;

    /// <summary>The context of one command; with <paramref name="bot"/> (the running bot's services) it uses them instead of opening the store itself.</summary>
    public OperatorContext(TextWriter output, Localizer localizer, TimeProvider? time, IServiceProvider? bot = null, OperatorFiles? files = null)
    {
        Output = output;
        Localizer = localizer;
        _time = time;
        _bot = bot;
        Files = files ?? new LocalFiles();
        Db = new Option<string?>("--db") { Recursive = true, HelpName = "path", Description = T("cli.help.db") };
        Json = new Option<bool>("--json") { Recursive = true, Description = T("cli.help.json") };
    }

    /// <summary>The command line speaks English for now; the culture is passed explicitly, never set on the thread.</summary>
    public static CultureInfo Culture { get; } = CultureInfo.GetCultureInfo("en");

    public Option<string?> Db { get; }
    public Option<bool> Json { get; }
    public TextWriter Output { get; }
    public OperatorFiles Files { get; }

    /// <summary>Arguments and options naming a file the command reads, and files it writes: they travel with a command the bot runs.</summary>
    public IReadOnlyList<Symbol> InputFiles => _inputs;
    public IReadOnlyList<Symbol> OutputFiles => _outputs;
    public Localizer Localizer { get; }

    public BillingService Billing => Services.GetRequiredService<BillingService>();
    public BillingSettings Settings => Services.GetRequiredService<BillingSettings>();
    public TimeProvider Time => Services.GetRequiredService<TimeProvider>();
    public DocumentService Documents => Services.GetRequiredService<DocumentService>();

    private IServiceProvider Services => _bot ?? (_host ??= Open()).Services;

    public T InputFile<T>(T symbol)
        where T : Symbol
    {
        _inputs.Add(symbol);
        return symbol;
    }

    public T OutputFile<T>(T symbol)
        where T : Symbol
    {
        _outputs.Add(symbol);
        return symbol;
    }

    /// <summary>The program's configuration as the bot reads it (appsettings.json, <c>BillingBot__*</c>), read once.</summary>
    public IConfiguration Configuration => _configuration ??= BillingHost.CreateBuilder([]).Configuration;

    /// <summary>The database a command names (<c>--db</c>, else <c>Storage:Path</c>), as a full path.</summary>
    public string DatabasePath(ParseResult parse)
    {
        var path = parse.GetValue(Db) ?? Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Path)}"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(path) ? new StorageOptions().Path : path);
    }

    public string T(string key, params IEnumerable<(string Name, object? Value)> args) => Localizer.Text(Culture, key, args);

    /// <summary>"3 charges": <paramref name="count"/> with the right form of <paramref name="key"/>.</summary>
    public string Counted(string key, long count) => Localizer.Counted(Culture, key, count);

    /// <summary><c>accounts create</c> and <c>accounts import</c>: the commands that may begin a new database.</summary>
    private static bool MakesAccounts(Command command) =>
        command.Name is "create" or "import" && command.Parents.OfType<Command>().Any(p => p.Name == "accounts");

    /// <summary>Sets what <paramref name="command"/> does; a refusal surfaces as an exception the command line prints as one line.</summary>
    public void Handle(Command command, Action<ParseResult> action) => command.SetAction(parse =>
    {
        _parse = parse;
        action(parse);
        return OperatorCommandLine.Ok;
    });

    /// <summary>Sets what <paramref name="command"/> does, which says itself what the command exits with.</summary>
    public void Handle(Command command, Func<ParseResult, int> action) => command.SetAction(parse =>
    {
        _parse = parse;
        return action(parse);
    });

    /// <summary>Prints <paramref name="result"/> as JSON with <c>--json</c>, else as the text <paramref name="text"/> makes of it.</summary>
    public void Print<TResult>(TResult result, Func<TResult, string> text) =>
        Output.WriteLine(_parse?.GetValue(Json) == true ? JsonSerializer.Serialize(result, Formats.Json) : text(result));

    public void Dispose() => _host?.Dispose();

    private IHost Open()
    {
        if (_parse is { } parse && DatabasePath(parse) is var path && !File.Exists(path))
        {
            // A mistyped --db must not quietly make an empty database (and folders) for a command to find nothing in.
            if (!MakesAccounts(parse.CommandResult.Command))
            {
                throw new OperatorException(T("cli.error.noDatabase", ("path", path)));
            }

            if (!parse.GetValue(Json))
            {
                Output.WriteLine(T("cli.creatingDatabase", ("path", path)));
            }
        }

        var overrides = _parse?.GetValue(Db) is { } db ? [KeyValuePair.Create("Storage:Path", (string?)db)] : Array.Empty<KeyValuePair<string, string?>>();
        // The operator's arguments are commands, not configuration: they are not handed to the configuration.
        var builder = BillingHost.CreateBuilder([], overrides);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(Localizer);
        if (_time is not null)
        {
            builder.Services.AddSingleton(_time);
        }

        builder.AddBilling();
        builder.AddDocuments();
        var host = builder.Build();
        try
        {
            // The same checks the bot runs at start, so a bad setting is reported before any work.
            ConfigurationErrors.Validate(host.Services);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
