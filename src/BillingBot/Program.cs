using BillingBot.Cli;
using BillingBot.Hosting;

if (OperatorCommandLine.Handles(args))
{
    return OperatorCommandLine.Run(args, Console.Out, Console.Error);
}

return await ConfigurationErrors.RunAsync(Console.Error, () => BillingHost.CreateBotBuilder(args).BuildBot());
