using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingBot.Documents;

/// <summary>Registers the documents beside the billing services they read.</summary>
internal static class DocumentHost
{
    /// <summary>Binds and validates <see cref="DocumentOptions"/> and registers <see cref="DocumentService"/>; needs <c>AddBilling</c> too.</summary>
    public static IHostApplicationBuilder AddDocuments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DocumentService>();
        return builder;
    }
}
