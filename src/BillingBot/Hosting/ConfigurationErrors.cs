using System.Globalization;
using BillingBot.Admin;
using BillingBot.Billing.Storage;
using BillingBot.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillingBot.Hosting;

/// <summary>Turns a configuration mistake into one line a person can act on, instead of a stack trace.</summary>
internal static class ConfigurationErrors
{
    /// <summary>Exit code of a run stopped by bad configuration.</summary>
    public const int ExitCode = 3;

    /// <summary>The one-line reason, or null when <paramref name="error"/> is not about configuration.</summary>
    public static string? Describe(Exception error) => error switch
    {
        OptionsValidationException e => e.Message,
        // Start-up validation of several options reports each of them.
        AggregateException e when e.InnerExceptions.All(i => Describe(i) is not null) => string.Join(" ", e.InnerExceptions.Select(Describe)),
        // appsettings.json that is not JSON: the innermost exception says where.
        InvalidDataException e => $"{e.Message} {Innermost(e).Message}",
        // The binder's "Failed to convert configuration value '…' at 'Section:Key' to type '…'".
        InvalidOperationException { InnerException: FormatException or ArgumentException or OverflowException } e => e.Message,
        // Kestrel could not listen: the address is taken, or not this machine's.
        IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException or System.Net.Sockets.SocketException } e => $"{e.Message} Set Http:Urls and Admin:Urls to addresses this machine can listen on, each free.",
        _ => null,
    };

    /// <summary>Checks every option the way the host does at start, so a mistake is found before any work.</summary>
    public static void Validate(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    /// <summary>Builds, checks and runs the host; a configuration mistake is one line on <paramref name="error"/> and <see cref="ExitCode"/>.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<IHost> build)
    {
        try
        {
            using var host = build();
            // Checked before start: a failed start would be logged by the host with its stack trace.
            Validate(host.Services);
            // The bot owns its database from the start: a second bot on the same file stops here, having touched nothing.
            try
            {
                _ = host.Services.GetService<BillingStore>();
            }
            catch (NotADatabaseException e)
            {
                await error.WriteLineAsync(Say("configuration.notADatabase", ("path", e.Path)));
                return ExitCode;
            }
            catch (DamagedStoreException e)
            {
                await error.WriteLineAsync(Say("configuration.storeDamaged", ("path", e.Path), ("damage", Localizer.Load().Damage(English, e))));
                return ExitCode;
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException && e is not StoreInUseException)
            {
                // A read-only disk or file, a folder that cannot be made: said in one line, not as a crash.
                var path = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Path;
                await error.WriteLineAsync(Say("configuration.storeUnusable", ("path", Path.GetFullPath(path)), ("reason", e.Message)));
                return ExitCode;
            }
            await host.RunAsync();
            return 0;
        }
        catch (StoreInUseException e)
        {
            var owner = BotEndpoint.Read(e.Path) is { } bot ? bot.ProcessId.ToString(CultureInfo.InvariantCulture) : "?";
            await error.WriteLineAsync(Say("configuration.storeInUse", ("path", e.Path), ("pid", owner)));
            return ExitCode;
        }
        catch (Exception e) when (Describe(e) is { } reason)
        {
            await error.WriteLineAsync(Say("configuration.error", ("reason", reason)));
            return ExitCode;
        }
    }

    public static string Line(string text) => text.ReplaceLineEndings(" ");

    /// <summary>The text <paramref name="key"/> as the one English line a refused start prints.</summary>
    public static string Say(string key, params IEnumerable<(string Name, object? Value)> args) =>
        Line(Localizer.Load().Text(English, key, args));

    /// <summary>A refused start speaks English: it is read in a console or a service log.</summary>
    private static CultureInfo English => CultureInfo.GetCultureInfo("en");

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
