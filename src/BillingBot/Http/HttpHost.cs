using BillingBot.Payments;
using BillingBot.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingBot.Http;

/// <summary>Kestrel on the bot's own host: the payment webhook, the health check and, in webhook mode, Telegram's updates.</summary>
internal static class HttpHost
{
    public static WebApplicationBuilder AddHttp(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<PaymentRecorder>();
        builder.Services.AddSingleton<PaymentWebhook>();
        builder.Services.AddSingleton<Health>();
        builder.WebHost.UseKestrelCore().UseUrls((builder.Configuration.GetSection(HttpOptions.Section).Get<HttpOptions>() ?? new()).Urls.Split(';'));
        return builder;
    }

    public static WebApplication MapHttp(this WebApplication app)
    {
        app.MapPost(PaymentWebhook.Path, (HttpContext http, PaymentWebhook webhook) => webhook.HandleAsync(http));
        app.MapGet(Health.Path, (Health health) => health.Check());
        if (app.Services.GetService<TelegramWebhook>() is { } telegram)
        {
            app.MapPost(TelegramWebhook.Path, (Func<HttpContext, Task<IResult>>)telegram.HandleAsync);
        }

        return app;
    }
}
