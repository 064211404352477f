using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Dialogs;
using BillingBot.Hosting;
using BillingBot.Localization;
using Microsoft.Extensions.Hosting;

namespace BillingBot.ConsoleChat;

/// <summary>The terminal's standard streams; tests hand in their own.</summary>
internal sealed record ConsoleStreams(TextReader Input, TextWriter Output);

/// <summary>
/// The local console chat, started when no Telegram token is configured: the same dialogs and screens on a demo account,
/// buttons pressed by typing their mark (<c>#2</c>), so a typed number is always text (an amount, a number of days).
/// A restart resumes where the chat was, as Telegram's chat does. It ends when standard input closes.
/// </summary>
internal sealed class ConsoleChatService(ChatEngine engine, BillingService billing, BillingSettings settings, TimeProvider time, Localizer localizer, ConsoleStreams streams, ConsoleLogFile log, IHostApplicationLifetime lifetime) : BackgroundService, IHostedLifecycleService
{
    /// <summary>
    /// Seeds the demo before any service starts, so the daily schedule and operator commands find its month of history
    /// complete (each service's ExecuteAsync runs on a thread of its own while the host starts the next).
    /// </summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        DemoData.EnsureSeeded(billing.Store, settings, time);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host starts whole before the chat takes over the terminal (and a start refused shows no chat at all).
        if (!await lifetime.StartedAsync(stoppingToken))
        {
            return;
        }

        try
        {
            // Documents the chat sends are saved beside the demo database.
            var output = new ConsoleOutput(streams.Output, Path.Combine(Path.GetDirectoryName(billing.Store.Path)!, "files"));
            await streams.Output.WriteLineAsync(localizer.Text(CultureInfo.GetCultureInfo("en"), "console.intro", ("path", billing.Store.Path), ("log", log.Path)));
            await engine.ResumeAsync(DemoData.UserId, DemoData.UserId, output, stoppingToken);
            while (await streams.Input.ReadLineAsync(stoppingToken) is { } line)
            {
                if (Pressed(line, output) is { Url: { } url })
                {
                    await streams.Output.WriteLineAsync(localizer.Text(CultureInfo.GetCultureInfo("en"), "console.openLink", ("url", url)));
                    continue;
                }

                try
                {
                    await engine.HandleAsync(ToIncoming(line.Trim(), output), output, stoppingToken);
                }
                catch (StoreUnavailableException)
                {
                    // Nothing was taken; the chat goes on, and the next line is tried again.
                    await streams.Output.WriteLineAsync(engine.TextFor(DemoLanguage())["chat.storeUnavailable"]);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        lifetime.StopApplication();
    }

    /// <summary>The demo chat's language, or English when even that cannot be read.</summary>
    private string DemoLanguage()
    {
        try
        {
            return engine.Session(DemoData.UserId)?.Language ?? "en";
        }
        catch (StoreUnavailableException)
        {
            return "en";
        }
    }

    /// <summary>The button <c>#N</c> names on the screen shown last; a bare number is text.</summary>
    private static Button? Pressed(string line, ConsoleOutput output) =>
        line.Trim() is ['#', .. var digits] && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= output.Buttons.Count
            ? output.Buttons[number - 1]
            : null;

    private static Incoming ToIncoming(string line, ConsoleOutput output) => Pressed(line, output) is { Data: { } data }
        ? new Incoming(0, DemoData.UserId, DemoData.UserId, null, Callback: data, CallbackId: "console", MessageId: output.LastMessageId)
        : new Incoming(0, DemoData.UserId, DemoData.UserId, null, Text: line);
}

/// <summary>Where the console chat's log goes: a file, so that log lines never mix with the chat in the terminal.</summary>
internal sealed record ConsoleLogFile(string Path);
