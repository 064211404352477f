using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using BillingBot.Billing;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingBot.Payments;

/// <summary>A payment as the payment provider posts it.</summary>
internal sealed record WebhookPayment(
    [property: JsonRequired] string PaymentId,
    [property: JsonRequired] decimal Amount,
    [property: JsonRequired] string Currency,
    string? InvoiceNumber = null,
    int? AccountId = null,
    DateTimeOffset? PaidAt = null);

/// <summary>
/// <c>POST /payments/webhook</c>: a payment signed with HMAC-SHA256 of the raw body, recorded once by its payment id.
/// 200 recorded (or recorded before), 400 malformed, 401 signature missing or wrong, 404 unknown invoice or account
/// (or no secret configured), 409 currency mismatch or a payment id reused with other data, 413 too large, 503 not
/// recorded because the store cannot take writes now (a full disk), with Retry-After.
/// </summary>
internal sealed partial class PaymentWebhook(PaymentRecorder recorder, IOptions<PaymentChannelOptions> options, ILogger<PaymentWebhook> logger)
{
    public const string Path = "/payments/webhook";
    public const string SignatureHeader = "X-Signature";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,

        // A body naming payment_id (or the amount) twice is refused, not read as its last value.
        AllowDuplicateProperties = false,
    };

    public async Task<IResult> HandleAsync(HttpContext http)
    {
        var settings = options.Value;
        if (!settings.WebhookEnabled)
        {
            return Results.NotFound();
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.MaxWebhookBytes;
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, "body too large");
        }

        if (!SignedBy(settings.WebhookSecret, body, http.Request.Headers[SignatureHeader].ToString()))
        {
            LogBadSignature(logger, http.Connection.RemoteIpAddress?.ToString());
            return Error(StatusCodes.Status401Unauthorized, "missing or wrong signature");
        }

        WebhookPayment? payment;
        try
        {
            payment = JsonSerializer.Deserialize<WebhookPayment>(body, Json);
        }
        catch (JsonException e)
        {
            return Error(StatusCodes.Status400BadRequest, "malformed body: " + e.Message);
        }

        if (payment is null || string.IsNullOrWhiteSpace(payment.PaymentId) || (payment.InvoiceNumber is null) == (payment.AccountId is null))
        {
            return Error(StatusCodes.Status400BadRequest, "a payment needs payment_id, amount, currency and either invoice_number or account_id");
        }

        try
        {
            // Written in one transaction with the payments posted meanwhile; a refusal is this payment's own.
            var recorded = await recorder.RecordAsync(new IncomingPayment(payment.PaymentId, payment.Amount, payment.InvoiceNumber, payment.AccountId, payment.Currency, payment.PaidAt));
            LogRecorded(logger, recorded.Id, recorded.AccountId);
            return Results.Json(new { status = "recorded", payment_id = recorded.Id, account_id = recorded.AccountId, invoice_number = recorded.InvoiceNumber }, statusCode: StatusCodes.Status200OK);
        }
        catch (BillingException e)
        {
            return Error(StatusOf(e.Error), e.Error.ToString());
        }
        catch (StoreUnavailableException e)
        {
            // Not taken: the provider posts it again later, and it is recorded then (or found recorded, if it was whole).
            http.Response.Headers.RetryAfter = StoreUnavailableException.RetryAfterSeconds;
            return Error(StatusCodes.Status503ServiceUnavailable, e.Fault switch
            {
                StoreFault.DiskFull => "not recorded: the disk is full; retry later",
                StoreFault.Damaged => "not recorded: the store is damaged; retry later",
                _ => "not recorded: the store cannot be written; retry later",
            });
        }
    }

    /// <summary><c>sha256=&lt;hex&gt;</c> of the body with the secret, compared in constant time.</summary>
    public static bool SignedBy(string secret, byte[] body, string header)
    {
        const string Prefix = "sha256=";
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Mac(secret, body), claimed);
    }

    /// <summary>The header a provider sends for <paramref name="body"/>.</summary>
    public static string Sign(string secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(Mac(secret, body));

    private static byte[] Mac(string secret, byte[] body) => HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body);

    private static int StatusOf(BillingError error) => error switch
    {
        BillingError.UnknownInvoice or BillingError.UnknownAccount => StatusCodes.Status404NotFound,
        BillingError.CurrencyMismatch or BillingError.IdempotencyConflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };

    private static IResult Error(int status, string reason) => Results.Json(new { error = reason }, statusCode: status);

    [LoggerMessage(500, LogLevel.Information, "Payment {PaymentId} recorded for account {AccountId}")]
    private static partial void LogRecorded(ILogger logger, string paymentId, int accountId);

    [LoggerMessage(501, LogLevel.Warning, "Payment webhook refused a request from {Remote}: missing or wrong signature")]
    private static partial void LogBadSignature(ILogger logger, string? remote);
}
