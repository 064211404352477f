using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingBot.Documents;

/// <summary>Warns once the bot has started while invoices would go out without the details a payer needs to pay them.</summary>
/// <remarks>Said after the start, so a start refused (an address taken) says only why.</remarks>
internal sealed partial class ProviderDetailsCheck(IOptions<DocumentOptions> options, ILogger<ProviderDetailsCheck> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        var missing = options.Value.Missing();
        if (missing.Count > 0)
        {
            Unset(logger, string.Join(", ", missing));
        }

        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(18, LogLevel.Warning, "Invoices are issued without the provider's details a payer needs until these are set: {Settings} (see appsettings.example.json)")]
    private static partial void Unset(ILogger logger, string settings);
}
