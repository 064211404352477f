using BillingBot.Documents;
using BillingBot.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace BillingBot.Tests.Documents;

public sealed class DocumentHostTests
{
    [Fact]
    public void AddDocuments_DocumentsSection_IsBoundAndTheServiceBuilt()
    {
        using var host = Build(("Documents:ProviderName", "ООО «Роза»"), ("Documents:TaxId", "7701234567"), ("Documents:BankCode", "044525225"));
        // No correspondent account: a bank outside Russia, whose tax id has no Russian check digits to check.

        ConfigurationErrors.Validate(host.Services);

        var options = host.Services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        Assert.Equal(("ООО «Роза»", "7701234567", "044525225", ""), (options.ProviderName, options.TaxId, options.BankCode, options.BankAccount));
        Assert.NotNull(host.Services.GetRequiredService<DocumentService>());
    }

    [Theory]
    [InlineData("Documents:TaxId", "77012345<67>", "Documents:TaxId")]
    [InlineData("Documents:BankAccount", "4070-2810", "Documents:BankAccount")]
    [InlineData("Documents:Kpp", "77010100", "Documents:Kpp")]
    [InlineData("Documents:VatRate", "120", "Documents:VatRate")]
    [InlineData("Documents:PaymentDays", "0", "Documents:PaymentDays")]
    [InlineData("Documents:ProviderName", "Rosy | Hosting", "Documents:ProviderName")]
    public void Validate_BadDocumentsValue_OneLineNamingTheSetting(string key, string value, string named) =>
        AssertRefused(named, (key, value));

    [Theory]
    [InlineData("Documents:TaxId", "7701234567", "Documents:TaxId")] // a check digit wrong
    [InlineData("Documents:BankAccount", "40702810900000000001", "Documents:BankAccount")] // one digit off: the control key fails
    [InlineData("Documents:BankAccount", "DE89370400440532013000", "Documents:BankAccount")]
    [InlineData("Documents:CorrespondentAccount", "30101810400000000226", "Documents:CorrespondentAccount")]
    [InlineData("Documents:BankCode", "COBADEFFXXX", "Documents:BankCode")]
    [InlineData("Documents:BankName", "Публичное акционерное общество «Сбербанк России»", "Documents:BankName")]
    public void Validate_RussianBankDetailWrong_RefusedAsTheBankWouldRefuseIt(string key, string value, string named) =>
        AssertRefused(named, [.. RussianBank.Where(s => s.Key != key), (key, value)]);

    [Fact]
    public void Validate_RussianBankDetailsRight_Accepted()
    {
        using var host = Build(RussianBank);

        ConfigurationErrors.Validate(host.Services);

        Assert.True(host.Services.GetRequiredService<IOptions<DocumentOptions>>().Value.RussianBank);
    }

    [Fact]
    public void Validate_BankOutsideRussia_AcceptsIbanAndSwift()
    {
        using var host = Build(("Documents:ProviderName", "Rosy Hosting GmbH"), ("Documents:TaxId", "DE123456789"), ("Documents:BankName", "Commerzbank"), ("Documents:BankAccount", "DE89 3704 0044 0532 0130 00"), ("Documents:BankCode", "COBADEFFXXX"));

        ConfigurationErrors.Validate(host.Services);

        var options = host.Services.GetRequiredService<IOptions<DocumentOptions>>().Value;
        Assert.False(options.RussianBank);
        Assert.Empty(options.Missing());
    }

    [Fact]
    public async Task Bot_ProviderDetailsNotSet_WarnsOnceAtStartNamingThem()
    {
        var logs = new FakeLogCollector();
        var check = new ProviderDetailsCheck(Options.Create(new DocumentOptions { ProviderName = "Rosy Hosting LLC", BankName = "ПАО Сбербанк" }), new FakeLogger<ProviderDetailsCheck>(logs));

        await check.StartedAsync(CancellationToken.None);

        var warning = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Documents:TaxId, Documents:BankAccount, Documents:BankCode", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bot_ProviderDetailsSet_NoWarning()
    {
        using var host = Build(RussianBank);
        var logs = new FakeLogCollector();
        var check = new ProviderDetailsCheck(host.Services.GetRequiredService<IOptions<DocumentOptions>>(), new FakeLogger<ProviderDetailsCheck>(logs));

        await check.StartedAsync(CancellationToken.None);

        Assert.Empty(logs.GetSnapshot());
    }

    /// <summary>The demo's provider, as an operator at a Russian bank configures it.</summary>
    private static readonly (string Key, string Value)[] RussianBank =
        [.. BillingBot.ConsoleChat.DemoData.Provider.Select(p => (p.Key, p.Value!))];

    private static void AssertRefused(string named, params (string Key, string Value)[] settings)
    {
        using var host = Build(settings);

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
