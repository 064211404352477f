using System.Globalization;
using System.Text;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Telegram.Emulator;

namespace BillingBot.Telegram.Tests;

/// <summary>Documents reach the chat through the Bot API: the invoice and the statement with sendDocument, the chart with sendPhoto.</summary>
public sealed class DocumentTests : BotTest
{
    private const long Owner = 7007;

    [Fact]
    public async Task InvoicePdf_FromTheInvoicesScreen_UploadedWithSendDocument()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        var number = Bot.Billing.Invoices.Issue(shop.Id, 120.50m, "test-invoice").Number;
        var invoices = await Bot.PressAsync(await Bot.LinkAsync(Owner, shop.Id), "Invoices");

        var screen = await Bot.PressAsync(invoices, $"📄 PDF {number}");
        var sent = await Emulator.WaitForMessageAsync(Owner, m => m.Kind == MessageKind.Document);

        Assert.StartsWith("📎 Sent as a file.", screen.PlainText, StringComparison.Ordinal);
        Assert.Equal($"Invoice {number}", sent.PlainText);
        var file = Assert.Single(Emulator.Files(Owner));
        Assert.True(file.Uploaded);
        Assert.Equal(($"invoice-{number}.pdf", MessageKind.Document), (file.FileName, file.Kind));
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(file.Content.Span[..5]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementCsvAndChart_FromHistoryAndBalance_DocumentAndPhoto()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 100m, AccountId: shop.Id));
        var menu = await Bot.LinkAsync(Owner, shop.Id);
        var month = DateOnly.FromDateTime(Bot.Time.GetUtcNow().UtcDateTime);

        var statement = await Bot.PressAsync(await Bot.PressAsync(menu, "History"), "📑 Statement");
        await Bot.PressAsync(statement, month.ToString("MMMM yyyy · CSV", CultureInfo.GetCultureInfo("en")));
        await Emulator.WaitForMessageAsync(Owner, m => m.Kind == MessageKind.Document);
        var balance = await Bot.PressAsync(statement, "Menu");
        await Bot.PressAsync(await Bot.PressAsync(balance, "Balance"), "📈 Spending chart");
        await Emulator.WaitForMessageAsync(Owner, m => m.Kind == MessageKind.Photo);

        var files = Emulator.Files(Owner);
        Assert.Equal([(MessageKind.Document, string.Create(CultureInfo.InvariantCulture, $"statement-{shop.Id}-{month:yyyy-MM}.csv")), (MessageKind.Photo, string.Create(CultureInfo.InvariantCulture, $"spending-{shop.Id}-{month:yyyy-MM-dd}.png"))], files.Select(f => (f.Kind, f.FileName)));
        Assert.Contains("100.00", Encoding.UTF8.GetString(files[0].Content.Span), StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], files[1].Content.Span[..4].ToArray());
    }
}
