using BillingBot.Admin;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Documents;
using BillingBot.Http;
using BillingBot.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingBot.Hosting;

/// <summary>Configuration sources and the billing services shared by the bot host and the operator command line.</summary>
internal static class BillingHost
{
    /// <summary>Environment variables with this prefix are configuration: <c>BillingBot__Storage__Path</c> is <c>Storage:Path</c>.</summary>
    public const string EnvironmentPrefix = "BillingBot__";

    /// <summary>
    /// A host builder reading, later sources winning: <c>appsettings.json</c> beside the program, then in the working
    /// directory, <c>BillingBot__*</c> environment variables, the command line, then <paramref name="overrides"/>.
    /// </summary>
    /// <remarks>No defaults: they would read every environment variable and appsettings.{Environment}.json, which this app does not document.</remarks>
    public static HostApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        Configure(Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Directory.GetCurrentDirectory() }), args, overrides);

    /// <summary>The same, for the bot: a web application builder, so Kestrel serves its endpoints on the same host.</summary>
    public static WebApplicationBuilder CreateBotBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null) =>
        Configure(WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() }), args, overrides);

    private static T Configure<T>(T builder, string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides)
        where T : IHostApplicationBuilder
    {
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine(args)
            .AddInMemoryCollection(overrides ?? []);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // A start that fails ("Hosting failed to start", a taken address say) is told in one line by
        // ConfigurationErrors, or thrown; the host's own log of it would add a stack trace. A crash still logs as critical.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }

    /// <summary>The whole bot: billing, the chat in front of it and its HTTP endpoints, on one host.</summary>
    public static WebApplication BuildBot(this WebApplicationBuilder builder)
    {
        builder.AddBilling();
        builder.AddDocuments();
        builder.Services.AddHostedService<ProviderDetailsCheck>();
        builder.AddChat();
        builder.AddHttp();
        builder.AddAdmin();
        var app = builder.Build();
        app.MapHttp();
        return app;
    }

    /// <summary>The operator API on its own listener, and the file that tells operator commands where it is.</summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.Token) || o.Token.Length >= 16, "Admin:Token must be at least 16 characters; leave it empty to have one made.")
            .ValidateOnStart();
        builder.Services.AddSingleton<AdminApi>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AdminApi>());
        return builder;
    }

    /// <summary>Binds and validates the billing options and registers the store and the billing service over it.</summary>
    public static IHostApplicationBuilder AddBilling(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), "Accounts:DefaultTimeZone must be a time zone id such as UTC or Europe/Moscow.")
            .ValidateOnStart();
        services.AddOptions<InvoiceOptions>().BindConfiguration(InvoiceOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MinAmount <= o.MaxAmount, "Invoices:MinAmount must not exceed Invoices:MaxAmount.")
            .ValidateOnStart();
        services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PromisedPaymentOptions>().BindConfiguration(PromisedPaymentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // TryAdd: tests put a fake clock in first.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new BillingSettings
        {
            Accounts = sp.GetRequiredService<IOptions<AccountOptions>>().Value,
            Invoices = sp.GetRequiredService<IOptions<InvoiceOptions>>().Value,
            Payments = sp.GetRequiredService<IOptions<PaymentOptions>>().Value,
            PromisedPayments = sp.GetRequiredService<IOptions<PromisedPaymentOptions>>().Value,
        });
        services.AddSingleton(sp =>
        {
            var store = new BillingStore(sp.GetRequiredService<IOptions<StorageOptions>>().Value.Path);
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<BillingStore>();
            // Said once when the store begins to fail and once when it works again, not for every refused write.
            store.FaultChanged = error =>
            {
                if (error is null)
                {
                    Log.StoreRecovered(logger);
                }
                else if (store.Fault == StoreFault.Damaged)
                {
                    Log.StoreDamaged(logger, error);
                }
                else
                {
                    Log.StoreFailed(logger, error);
                }
            };
            return store;
        });
        services.AddSingleton<BillingService>();
        // Refusals are shown through error.<code> texts, so the texts travel with the billing services.
        services.TryAddSingleton(_ => Localizer.Load());
        return builder;
    }
}
