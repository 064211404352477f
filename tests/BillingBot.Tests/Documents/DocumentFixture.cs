using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using BillingBot.Documents;
using BillingBot.Localization;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;

namespace BillingBot.Tests.Documents;

/// <summary>The documents over a temp LiteDB file and a fake clock, and PdfPig to read what they make.</summary>
internal sealed class DocumentFixture : IDisposable
{
    private static readonly Lazy<Localizer> SharedTexts = new(() => Localizer.Load());

    private int _payments;

    public DocumentFixture(DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        Store = new BillingStore(Path.Combine(Folder, "billing.db"));
        Billing = new BillingService(Store, Time, new BillingSettings());
        Documents = new DocumentService(Billing, SharedTexts.Value, Time, Microsoft.Extensions.Options.Options.Create(Options));
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "billingbot-document-tests", Guid.NewGuid().ToString("N"));
    public FakeTimeProvider Time { get; }
    public BillingStore Store { get; }
    public BillingService Billing { get; }
    /// <summary>A payee at a Russian bank: Sberbank's published БИК and correspondent account; an ИНН and an account of zeros, nobody's, with their check digits right.</summary>
    public DocumentOptions Options { get; } = new()
    {
        ProviderName = "Rosy Hosting LLC",
        TaxId = "7700000009",
        Kpp = "770001001",
        BankName = "ПАО Сбербанк",
        BankAccount = "40702810900000000000",
        BankCode = "044525225",
        CorrespondentAccount = "30101810400000000225",
    };
    public DocumentService Documents { get; }

    public Account CreateAccount(string name = "Flower shop", string currency = "USD", string zone = "UTC", decimal tariff = 0) =>
        Billing.Accounts.Create(new NewAccount(name, currency, tariff, TimeZone: zone));

    /// <summary>A bank transfer straight to the account, posted now.</summary>
    public void Pay(int accountId, decimal amount) =>
        Billing.Invoices.Record(new IncomingPayment($"bank-{++_payments}", amount, AccountId: accountId));

    /// <summary>Moves the clock to <paramref name="instant"/> and posts a usage charge for that day of the account.</summary>
    public void ChargeAt(Account account, DateTimeOffset instant, decimal amount)
    {
        Time.SetUtcNow(instant);
        Billing.Charges.Post(account.Id, Time.Today(account.TimeZone), amount);
    }

    /// <summary>The words of every page as PdfPig reads them, one space between words (also where a line wraps).</summary>
    public static IReadOnlyList<string> Pages(DocumentFile pdf)
    {
        Assert.Equal("application/pdf", pdf.ContentType);
        using var document = PdfDocument.Open(pdf.Content);
        return document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
    }

    /// <summary>
    /// What each QR code on the first page says, left to right: its modules read back from the page's filled
    /// rectangles (as a printer draws them), then decoded by ZXing as a phone's camera would.
    /// </summary>
    public static IReadOnlyList<string> QrCodes(DocumentFile pdf)
    {
        using var document = PdfDocument.Open(pdf.Content);
        var page = document.GetPage(1);
        const int scale = 4;
        var (width, height) = ((int)(page.Width * scale), (int)(page.Height * scale));
        var pixels = new byte[width * height];
        Array.Fill(pixels, byte.MaxValue);
        foreach (var path in page.Paths.Where(p => p.IsFilled))
        {
            var box = path.GetBoundingRectangle() ?? throw new InvalidOperationException("A filled path with no bounds.");
            var (top, bottom) = ((int)Math.Round((page.Height - box.Top) * scale), (int)Math.Round((page.Height - box.Bottom) * scale));
            var (left, right) = ((int)Math.Round(box.Left * scale), (int)Math.Round(box.Right * scale));
            for (var y = Math.Max(0, top); y < Math.Min(height, bottom); y++)
            {
                Array.Fill(pixels, byte.MinValue, (y * width) + left, right - left);
            }
        }

        var image = new ZXing.BinaryBitmap(new ZXing.Common.HybridBinarizer(new ZXing.RGBLuminanceSource(pixels, width, height, ZXing.RGBLuminanceSource.BitmapFormat.Gray8)));
        var hints = new Dictionary<ZXing.DecodeHintType, object> { [ZXing.DecodeHintType.CHARACTER_SET] = "UTF-8", [ZXing.DecodeHintType.TRY_HARDER] = true };
        var found = new ZXing.Multi.QrCode.QRCodeMultiReader().decodeMultiple(image, hints) ?? [];
        return found.OrderBy(r => r.ResultPoints.Min(p => p.X)).Select(r => r.Text).ToList();
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
