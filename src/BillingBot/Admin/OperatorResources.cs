using System.Globalization;
using System.Text.Json;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Storage;
using BillingBot.Cli;
using BillingBot.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace BillingBot.Admin;

/// <summary>Usage to post on an account: the billing day it belongs to (today in the account's zone if left out).</summary>
public sealed record ChargeRequest(decimal Amount, DateOnly? Date = null, string? Note = null);

/// <summary>An account to create; its external id is its key: the same one again returns the account made the first time.</summary>
public sealed record AccountRequest(string Name, string Currency, decimal DailyTariff, string ExternalId, AccountKind Kind = AccountKind.Customer, int? AgencyId = null, string? TimeZone = null);

public sealed record InvoiceRequest(decimal Amount);

public sealed record TransferRequest(int From, int To, decimal Amount);

/// <summary>Money received; its payment id is its key. Either an invoice number or an account.</summary>
public sealed record PaymentRequest(string PaymentId, decimal Amount, string? Invoice = null, int? AccountId = null, string? Currency = null);

/// <summary>
/// The operator API as resources, for a provider's own systems: accounts, usage charges, invoices, payments and
/// transfers. Every write carries a key (an <c>Idempotency-Key</c> header, or the payment's or account's own id), so a
/// retried request is applied once. A refusal is an RFC 9457 problem whose <c>code</c> is the command line's.
/// </summary>
internal static class OperatorResources
{
    public const string KeyHeader = "Idempotency-Key";

    /// <summary>The problem codes that are not billing refusals.</summary>
    public const string InvalidBody = "InvalidBody", MissingIdempotencyKey = "MissingIdempotencyKey", Unavailable = "StoreUnavailable";

    /// <summary>A request body as the contract has it: every parameter without a default is required, and none that may not be null is.</summary>
    private static readonly JsonSerializerOptions RequestJson = new(Formats.Json) { RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true, AllowDuplicateProperties = false };

    /// <summary>Accounts a page of <c>GET /v1/accounts</c> holds unless asked for fewer, and the most it holds.</summary>
    public const int DefaultPage = 500;

    public const int MaxPage = 1_000;

    /// <summary>Writes arriving together share one transaction and one flush to the disk, as payments do.</summary>
    private const int MaxBatch = 100;

    public static void Map(RouteGroupBuilder api, BillingService billing, Localizer localizer, TimeProvider time)
    {
        var writes = new GroupCommit<Func<IResult>, IResult>(units => billing.Store.WriteAll(units), MaxBatch);
        api.MapGet("/accounts", (int? after, int? limit) => Results.Json(billing.Accounts.List(after ?? 0, Math.Clamp(limit ?? DefaultPage, 1, MaxPage)), Formats.Json))
            .Produces<AccountPage>().WithName("ListAccounts");
        api.MapGet("/accounts/{id:int}", (int id, HttpRequest http) => Run(http, localizer, () => Results.Json(billing.Accounts.Get(id), Formats.Json)))
            .Produces<Account>().ProducesProblem(404).WithName("GetAccount");
        api.MapGet("/accounts/{id:int}/history", (int id, int? page, HttpRequest http) => Run(http, localizer, () => Results.Json(billing.Accounts.History(id, Math.Max(1, page ?? 1)), Formats.Json)))
            .Produces<HistoryPage>().ProducesProblem(404).WithName("GetHistory");

        api.MapPost("/accounts", (HttpRequest http) => Write<AccountRequest>(http, localizer, writes, keyed: false, (body, _) =>
        {
            var (account, created) = billing.Accounts.Import([new NewAccount(body.Name, body.Currency, body.DailyTariff, body.Kind, body.AgencyId, body.TimeZone, body.ExternalId)])[0];
            return created ? Results.Json(account, Formats.Json, statusCode: StatusCodes.Status201Created) : Results.Json(account, Formats.Json);
        }))
            .Accepts<AccountRequest>("application/json").Produces<Account>(201).Produces<Account>().ProducesProblem(400).ProducesProblem(404).WithName("CreateAccount");

        api.MapPost("/accounts/{id:int}/charges", (int id, HttpRequest http) => Write<ChargeRequest>(http, localizer, writes, keyed: true, (body, key) =>
        {
            var day = body.Date ?? time.Today(billing.Accounts.Get(id).TimeZone);
            return Created(billing.Charges.Post(id, day, body.Amount, body.Note, key));
        }))
            .Accepts<ChargeRequest>("application/json").Produces<LedgerEntry>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithName("PostCharge").WithIdempotencyKey();

        api.MapPost("/accounts/{id:int}/invoices", (int id, HttpRequest http) => Write<InvoiceRequest>(http, localizer, writes, keyed: true, (body, key) => Created(billing.Invoices.Issue(id, body.Amount, key!))))
            .Accepts<InvoiceRequest>("application/json").Produces<Invoice>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithName("IssueInvoice").WithIdempotencyKey();

        api.MapPost("/payments", (HttpRequest http) => Write<PaymentRequest>(http, localizer, writes, keyed: false, (body, _) =>
            Created(billing.Invoices.Record(new IncomingPayment(body.PaymentId, body.Amount, body.Invoice, body.AccountId, body.Currency)))))
            .Accepts<PaymentRequest>("application/json").Produces<Payment>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithName("RecordPayment");

        api.MapPost("/transfers", (HttpRequest http) => Write<TransferRequest>(http, localizer, writes, keyed: true, (body, key) => Created(billing.Agency.Transfer(body.From, body.To, body.Amount, key!))))
            .Accepts<TransferRequest>("application/json").Produces<LedgerEntry>(201).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithName("Transfer").WithIdempotencyKey();
    }

    /// <summary>Says in the contract that the operation takes the <c>Idempotency-Key</c> header.</summary>
    private static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder endpoint) => endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = KeyHeader,
            In = ParameterLocation.Header,
            Required = true,
            Description = "The caller's key for this write: the same key again is applied once; with other data it is 409.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        return Task.CompletedTask;
    });

    private static IResult Created<T>(T value) => Results.Json(value, Formats.Json, statusCode: StatusCodes.Status201Created);

    /// <summary>Reads the body (and the key, where the operation has none of its own), then runs the write off the request's thread.</summary>
    private static async Task<IResult> Write<T>(HttpRequest http, Localizer localizer, GroupCommit<Func<IResult>, IResult> writes, bool keyed, Func<T, string?, IResult> work)
        where T : class
    {
        var culture = CultureOf(http);
        var key = http.Headers[KeyHeader].ToString();
        if (keyed && string.IsNullOrWhiteSpace(key))
        {
            return Problem(StatusCodes.Status400BadRequest, MissingIdempotencyKey, localizer.Text(culture, "cli.api.missingKey", ("header", KeyHeader)));
        }

        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(http.Body, RequestJson, http.HttpContext.RequestAborted);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, InvalidBody, localizer.Text(culture, "cli.api.invalidBody", ("reason", e.Message)));
        }

        if (body is null)
        {
            return Problem(StatusCodes.Status400BadRequest, InvalidBody, localizer.Text(culture, "cli.api.invalidBody", ("reason", "null")));
        }

        // The work is synchronous (one store transaction on one thread): it is done by the group commit's writer,
        // together with the writes of other requests, and this request waits without holding a thread.
        try
        {
            return await writes.WriteAsync(() => work(body, keyed ? key : null));
        }
        catch (Exception e) when (Refusal(http, localizer, e) is { } problem)
        {
            return problem;
        }
    }

    private static IResult Run(HttpRequest http, Localizer localizer, Func<IResult> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (Refusal(http, localizer, e) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>The problem answering <paramref name="e"/>, or null for an exception that is not a refusal.</summary>
    private static IResult? Refusal(HttpRequest http, Localizer localizer, Exception e)
    {
        switch (e)
        {
            case BillingException refused:
                return Problem(StatusOf(refused.Error), refused.Error.ToString(), localizer.Error(CultureOf(http), refused));
            case StoreUnavailableException unavailable:
                // Nothing was taken; the same request with its key is applied once when it is sent again.
                http.HttpContext.Response.Headers.RetryAfter = StoreUnavailableException.RetryAfterSeconds;
                return Problem(StatusCodes.Status503ServiceUnavailable, Unavailable, localizer.Unavailable(CultureOf(http), unavailable));
            default:
                return null;
        }
    }

    /// <summary>The HTTP status of a refusal, in the API and in the command line's <c>--json</c> problem alike.</summary>
    public static int StatusOf(BillingError error) => error switch
    {
        BillingError.UnknownAccount or BillingError.UnknownInvoice => StatusCodes.Status404NotFound,
        BillingError.IdempotencyConflict => StatusCodes.Status409Conflict,
        BillingError.InvalidKey => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The type URI of a problem's code.</summary>
    public static string TypeOf(string code) => "urn:billingbot:problem:" + code;

    /// <summary>An RFC 9457 problem: the code a program acts on, and the text a person reads.</summary>
    public static IResult Problem(int status, string code, string text) =>
        Results.Problem(detail: text, statusCode: status, title: code, type: TypeOf(code), extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>Russian when the caller asks for it first, English otherwise.</summary>
    private static CultureInfo CultureOf(HttpRequest http) =>
        http.Headers.AcceptLanguage.ToString().StartsWith("ru", StringComparison.OrdinalIgnoreCase) ? CultureInfo.GetCultureInfo("ru") : OperatorContext.Culture;
}
