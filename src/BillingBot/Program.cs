using BillingBot.Cli;
using BillingBot.Hosting;
using Microsoft.Extensions.DependencyInjection;

if (OperatorCommandLine.Handles(args))
{
    return OperatorCommandLine.Run(args, Console.Out, Console.Error);
}

return await ConfigurationErrors.RunAsync(Console.Error, () =>
{
    var builder = BillingHost.CreateBuilder(args);
    builder.AddBilling();
    builder.Services.AddHostedService<NoBotYet>();
    return builder.Build();
});
