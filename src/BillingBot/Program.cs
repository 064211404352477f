using BillingBot.Cli;
using BillingBot.Hosting;

if (OperatorCommandLine.Handles(args))
{
    return OperatorCommandLine.Run(args, Console.Out, Console.Error);
}

return await ConfigurationErrors.RunAsync(Console.Error, () =>
{
    var builder = BillingHost.CreateBuilder(args);
    builder.AddBilling();
    builder.AddChat();
    return builder.Build();
});
