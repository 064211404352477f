using BillingBot.Documents;
using BillingBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillingBot.Tests.Documents;

public sealed class DocumentHostTests
{
    [Fact]
    public void AddDocuments_DocumentsSection_IsBoundAndTheServiceBuilt()
    {
        using var host = Build(("Documents:ProviderName", "ООО «Роза»"), ("Documents:TaxId", "7701234567"), ("Documents:BankCode", "044525225"));

        ConfigurationErrors.Validate(host.Services);

        var options = host.Services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        Assert.Equal(("ООО «Роза»", "7701234567", "044525225", ""), (options.ProviderName, options.TaxId, options.BankCode, options.BankAccount));
        Assert.NotNull(host.Services.GetRequiredService<DocumentService>());
    }

    [Theory]
    [InlineData("Documents:ProviderName", "", "ProviderName")]
    [InlineData("Documents:TaxId", "77012345<67>", "Documents:TaxId")]
    [InlineData("Documents:BankAccount", "4070-2810", "Documents:BankAccount")]
    public void Validate_BadDocumentsValue_OneLineNamingTheSetting(string key, string value, string named)
    {
        using var host = Build((key, value));

        var error = Record.Exception(() => ConfigurationErrors.Validate(host.Services));

        var reason = ConfigurationErrors.Describe(Assert.IsAssignableFrom<Exception>(error));
        Assert.NotNull(reason);
        Assert.Contains(named, reason, StringComparison.Ordinal);
    }

    private static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = BillingHost.CreateBuilder([], settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddBilling();
        builder.AddDocuments();
        return builder.Build();
    }
}
