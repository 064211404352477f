using System.Globalization;
using BillingBot.Localization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingBot.Hosting;

/// <summary>Stands in for the Telegram bot until it is written: says so, points at the operator commands and stops the host.</summary>
internal sealed class NoBotYet(ILogger<NoBotYet> logger, IHostApplicationLifetime lifetime, Localizer localizer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Log.NoBotYet(logger);
        Console.Out.WriteLine(localizer.Text(CultureInfo.GetCultureInfo("en"), "host.hint"));
        // Stopped after the start callbacks (the host's own "started" message among them), so the log reads in order.
        lifetime.ApplicationStarted.Register(() => Task.Run(lifetime.StopApplication));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
