using BillingBot.ConsoleChat;
using BillingBot.Dialogs;
using BillingBot.Notifications;
using BillingBot.Payments;
using BillingBot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Telegram.Bot;

namespace BillingBot.Hosting;

/// <summary>The chat in front of the ledger: the Telegram bot when a token is configured, otherwise the local console chat.</summary>
internal static class ChatHost
{
    /// <summary>Where the console chat keeps its demo account, apart from real data.</summary>
    public const string DemoPathKey = "Storage:DemoPath";

    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelegramOptions>().BindConfiguration(TelegramOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Mode != TelegramMode.Webhook || (o.WebhookUrl.Length > 0 && o.WebhookSecret.Length > 0), "Telegram:Mode Webhook needs Telegram:WebhookUrl and Telegram:WebhookSecret.")
            .ValidateOnStart();
        services.AddOptions<PaymentChannelOptions>().BindConfiguration(PaymentChannelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.Section).ValidateDataAnnotations().ValidateOnStart()
            .Configure<IOptions<TelegramOptions>>((dialogs, telegram) => dialogs.UseOperators(telegram.Value.AdminIds));
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var configured = builder.Configuration.GetSection(TelegramOptions.Section).Get<TelegramOptions>() ?? new TelegramOptions();
        var telegram = configured is { HasToken: true, Mode: not TelegramMode.Headless } ? configured : null;
        // In Telegram, unpaid invoices can also be paid right in the chat when a payment provider is configured.
        services.AddSingleton(sp => new ChatEngine(sp.GetRequiredService<Billing.BillingService>(), sp.GetRequiredService<Documents.DocumentService>(), sp.GetRequiredService<Localization.Localizer>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DialogOptions>>())
        {
            PayInTelegram = telegram is not null && sp.GetRequiredService<IOptions<PaymentChannelOptions>>().Value.Telegram.Enabled,
        });
        services.AddSingleton<Notifier>();
        services.AddSingleton<Digests>();
        services.AddHostedService<DailySchedule>();
        if (configured.Mode != TelegramMode.Headless)
        {
            services.AddHostedService<NotificationSender>();
        }

        if (telegram is not null)
        {
            services.AddSingleton<ITelegramBotClient>(sp => Client(sp, retries: 3));
            services.AddSingleton<ChatLiveness>();
            services.AddSingleton<UpdateHandler>();
            services.AddSingleton<TelegramPayments>();
            if (telegram.Mode == TelegramMode.Webhook)
            {
                services.AddSingleton<TelegramWebhook>();
                services.AddHostedService(sp => sp.GetRequiredService<TelegramWebhook>());
            }
            else
            {
                services.AddHostedService<TelegramPolling>();
            }

            // Its own client, which does not retry by itself: the sender waits out a 429 exactly as Telegram asks.
            services.AddSingleton<INotificationChannel>(sp => new TelegramChannel(Client(sp, retries: 0)));
            return builder;
        }

        if (configured.Mode == TelegramMode.Headless)
        {
            // Asked for by name: the configured database, money in and out of it, and no chat; nobody is alive to hear.
            AddNoTelegramLiveness(services);
            return builder;
        }

        // Without a token the bot is the console chat on its own demo data, which must never take real money or stand in
        // for a real database: a webhook secret or a database of one's own says a real bot was meant.
        if (!string.IsNullOrEmpty(builder.Configuration["Payments:WebhookSecret"]) || builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Path)}"] is { Length: > 0 })
        {
            throw new OptionsValidationException(TelegramOptions.Section, typeof(TelegramOptions), [ConfigurationErrors.Say("configuration.tokenNeeded")]);
        }

        var demo = builder.Configuration[DemoPathKey] ?? "data/demo.db";
        builder.Configuration.AddInMemoryCollection([new("Storage:Path", demo)]);
        if (string.IsNullOrEmpty(builder.Configuration["Documents:ProviderName"]))
        {
            // The demo's invoices show what a configured provider's look like.
            builder.Configuration.AddInMemoryCollection(DemoData.Provider);
        }

        // The terminal is the chat: the log goes to a file beside the demo's database, which the chat names once.
        var log = new ConsoleLogFile(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(demo))!, "billingbot.log"));
        builder.Logging.ClearProviders();
        // The bot's own information and where the host listens; the framework's chatter only when it warns.
        builder.Logging.AddSerilog(new LoggerConfiguration().MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .WriteTo.File(log.Path, fileSizeLimitBytes: 10 * 1024 * 1024, rollOnFileSizeLimit: true, retainedFileCountLimit: 2, formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger(), dispose: true);
        services.AddSingleton(log);
        services.TryAddSingleton(new ConsoleStreams(Console.In, Console.Out));
        services.AddHostedService<ConsoleChatService>();
        AddNoTelegramLiveness(services);
        services.AddSingleton<INotificationChannel, ConsoleChannel>();
        return builder;
    }

    /// <summary>With no Telegram loop to watch, health asks only the store.</summary>
    private static void AddNoTelegramLiveness(IServiceCollection services) => services.AddSingleton(sp =>
    {
        var liveness = new ChatLiveness(sp.GetRequiredService<TimeProvider>());
        liveness.AlwaysAlive();
        return liveness;
    });

    /// <summary>A client over a plain HttpClient: the factory's logging would write request URLs, and Telegram's carry the token.</summary>
    private static TelegramBotClient Client(IServiceProvider services, int retries)
    {
        var options = services.GetRequiredService<IOptions<TelegramOptions>>().Value;
        var baseUrl = string.IsNullOrWhiteSpace(options.BaseUrl) ? null : options.BaseUrl;
        return new TelegramBotClient(new TelegramBotClientOptions(options.Token, baseUrl) { RetryCount = retries }, new HttpClient());
    }
}
