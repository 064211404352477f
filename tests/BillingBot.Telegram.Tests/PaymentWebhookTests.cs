using System.Net;
using System.Text;
using BillingBot.Billing.Accounts;
using BillingBot.Payments;

namespace BillingBot.Telegram.Tests;

/// <summary>The signed payment webhook over real HTTP on a loopback port, into the real ledger, with the bot telling the chat.</summary>
public sealed class PaymentWebhookTests : BotTest
{
    private const string Secret = "webhook-test-secret";
    private const long Owner = 7007;
    private static readonly HttpClient Http = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RestartAsync(settings: [new("Payments:WebhookSecret", Secret)]);
    }

    [Fact]
    public async Task Post_GoodSignature_RecordedOnceAndTheChatIsTold()
    {
        var (shop, number) = await ShopWithInvoiceAsync();

        var response = await PostAsync(Body(number, 120.50m, "USD", "bank-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(120.50m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        var told = await Emulator.WaitForMessageAsync(Owner, m => m.PlainText.Contains("is paid", StringComparison.Ordinal));
        Assert.Contains(number, told.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_SamePayment20TimesAtOnce_RecordedOnce()
    {
        var (shop, number) = await ShopWithInvoiceAsync();
        var body = Body(number, 100m, "USD", "bank-2");

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => PostAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(100m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Single(Bot.Billing.Accounts.History(shop.Id).Entries);
    }

    [Fact]
    public async Task Post_ManyDifferentPaymentsAtOnceEachTwice_EachRecordedOnce()
    {
        var (shop, _) = await ShopWithInvoiceAsync();
        var amounts = Enumerable.Range(1, 40).Select(i => i + (i / 100m)).ToList();
        var bodies = amounts.Select((amount, i) => AccountBody(shop.Id, amount, "USD", $"bank-many-{i}")).ToList();

        var responses = await Task.WhenAll(bodies.Concat(bodies).Select(body => PostAsync(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(amounts.Sum(), Bot.Billing.Accounts.Get(shop.Id).Balance);
        var entries = Bot.Billing.Accounts.History(shop.Id, pageSize: 100).Entries;
        Assert.Equal(amounts.Order(), entries.Select(e => e.Amount).Order());
        Assert.Equal(40, entries.Select(e => e.PaymentId).Distinct().Count());
    }

    [Fact]
    public async Task Post_RefusedAmongManyAtOnce_EachRefusedWithItsStatusAndTheOthersRecorded()
    {
        var (shop, number) = await ShopWithInvoiceAsync();
        var good = Enumerable.Range(0, 30).Select(i => AccountBody(shop.Id, 10m, "USD", $"bank-good-{i}"));
        var unknown = Enumerable.Range(0, 5).Select(i => Body("ZZZZZ-ZZZZZ", 10m, "USD", $"bank-unknown-{i}"));
        var mismatch = Enumerable.Range(0, 5).Select(i => Body(number, 10m, "EUR", $"bank-euro-{i}"));

        var responses = await Task.WhenAll(good.Concat(unknown).Concat(mismatch).Select(body => PostAsync(body)));

        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.OK, 30), .. Enumerable.Repeat(HttpStatusCode.NotFound, 5), .. Enumerable.Repeat(HttpStatusCode.Conflict, 5)],
            responses.Select(r => r.StatusCode));
        Assert.Equal(300m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Equal(30, Bot.Billing.Accounts.History(shop.Id, pageSize: 100).Entries.Count);
    }

    [Fact]
    public async Task Post_WrongMissingOrTamperedSignature_401AndNothingChanges()
    {
        var (shop, number) = await ShopWithInvoiceAsync();
        var body = Body(number, 100m, "USD", "bank-3");
        var tampered = Body(number, 1_000m, "USD", "bank-3");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, PaymentWebhook.Sign("another-secret", body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, signature: "")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(tampered, PaymentWebhook.Sign(Secret, body))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(body, "sha256=not-hex")).StatusCode);

        Assert.Equal(0m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Empty(Bot.Billing.Accounts.History(shop.Id).Entries);
    }

    [Theory]
    [InlineData("unknown invoice", HttpStatusCode.NotFound)]
    [InlineData("currency mismatch", HttpStatusCode.Conflict)]
    [InlineData("payment id reused", HttpStatusCode.Conflict)]
    [InlineData("malformed", HttpStatusCode.BadRequest)]
    [InlineData("amount as text", HttpStatusCode.BadRequest)]
    [InlineData("no payment id", HttpStatusCode.BadRequest)]
    [InlineData("negative amount", HttpStatusCode.BadRequest)]
    [InlineData("payment id too long", HttpStatusCode.BadRequest)]
    [InlineData("payment id twice", HttpStatusCode.BadRequest)]
    public async Task Post_BadPayment_RefusedWithItsStatusAndNothingChanges(string what, HttpStatusCode expected)
    {
        var (shop, number) = await ShopWithInvoiceAsync();
        var reused = Body(number, 50m, "USD", "bank-4");
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(reused)).StatusCode);
        var body = what switch
        {
            "unknown invoice" => Body("ZZZZZ-ZZZZZ", 100m, "USD", "bank-5"),
            "currency mismatch" => Body(number, 100m, "EUR", "bank-5"),
            "payment id reused" => Body(number, 70m, "USD", "bank-4"),
            "malformed" => Encoding.UTF8.GetBytes("{\"payment_id\": \"bank-5\", "),
            "amount as text" => Encoding.UTF8.GetBytes($"{{\"payment_id\":\"bank-5\",\"invoice_number\":\"{number}\",\"amount\":\"100\",\"currency\":\"USD\"}}"),
            "no payment id" => Encoding.UTF8.GetBytes($"{{\"invoice_number\":\"{number}\",\"amount\":100,\"currency\":\"USD\"}}"),
            "payment id too long" => Body(number, 100m, "USD", new string('p', 1_014)),
            "payment id twice" => Encoding.UTF8.GetBytes($"{{\"payment_id\":\"bank-5\",\"payment_id\":\"bank-6\",\"invoice_number\":\"{number}\",\"amount\":100,\"currency\":\"USD\"}}"),
            _ => Body(number, -5m, "USD", "bank-5"),
        };

        var response = await PostAsync(body);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(50m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Single(Bot.Billing.Accounts.History(shop.Id).Entries);
    }

    [Fact]
    public async Task Post_BodyOverTheLimit_413()
    {
        var body = Encoding.UTF8.GetBytes("{\"payment_id\":\"" + new string('x', 20_000) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(body)).StatusCode);
    }

    [Fact]
    public async Task Post_NoSecretConfigured_404()
    {
        await RestartAsync(settings: [new("Payments:WebhookSecret", "")]);
        var (shop, number) = await ShopWithInvoiceAsync();

        var response = await PostAsync(Body(number, 100m, "USD", "bank-6"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0m, Bot.Billing.Accounts.Get(shop.Id).Balance);
    }

    [Fact]
    public async Task Healthz_StoreOpenAndPollingAlive_200()
    {
        // Alive once the polling loop has heard from Telegram, a moment after start.
        var response = await Http.GetAsync(new Uri(Bot.HttpAddress, "/healthz"));
        for (var tries = 0; response.StatusCode != HttpStatusCode.OK && tries < 50; tries++)
        {
            await Task.Delay(100);
            response = await Http.GetAsync(new Uri(Bot.HttpAddress, "/healthz"));
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("healthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<(Account Shop, string Number)> ShopWithInvoiceAsync()
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        await Bot.LinkAsync(Owner, shop.Id);
        return (shop, Bot.Billing.Invoices.Issue(shop.Id, 100m, "test-invoice").Number);
    }

    private static byte[] Body(string invoice, decimal amount, string currency, string paymentId) => Encoding.UTF8.GetBytes(
        $"{{\"payment_id\":\"{paymentId}\",\"invoice_number\":\"{invoice}\",\"amount\":{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"currency\":\"{currency}\",\"paid_at\":\"2022-09-29T08:00:00Z\"}}");

    private static byte[] AccountBody(int accountId, decimal amount, string currency, string paymentId) => Encoding.UTF8.GetBytes(
        $"{{\"payment_id\":\"{paymentId}\",\"account_id\":{accountId},\"amount\":{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"currency\":\"{currency}\"}}");

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? signature = null)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Bot.HttpAddress, PaymentWebhook.Path)) { Content = content };
        if (signature != "")
        {
            request.Headers.Add(PaymentWebhook.SignatureHeader, signature ?? PaymentWebhook.Sign(Secret, body));
        }

        return await Http.SendAsync(request);
    }
}
