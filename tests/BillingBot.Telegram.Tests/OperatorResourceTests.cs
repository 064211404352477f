using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingBot.Admin;
using BillingBot.Cli;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Telegram.Tests;

/// <summary>The operator API as resources, as a provider's billing system uses it: keys, problems, the contract, the token.</summary>
public sealed class OperatorResourceTests : BotTest
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 9, 29, 8, 0, 0, TimeSpan.Zero));
    protected override TimeProvider Time => _time;

    [Fact]
    public async Task Account_CreatedTwiceWithItsExternalId_OneAccount201Then200()
    {
        using var http = Operator();
        var body = new { name = "Flower shop", currency = "USD", dailyTariff = 2.5m, externalId = "crm-1" };

        using var first = await http.PostAsJsonAsync("/v1/accounts", body);
        using var again = await http.PostAsJsonAsync("/v1/accounts", body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = (await Json(first)).GetProperty("id").GetInt32();
        Assert.Equal(id, (await Json(again)).GetProperty("id").GetInt32());
        Assert.Single(Bot.Billing.Accounts.List());
    }

    [Fact]
    public async Task Accounts_ListedAPageAtATime_EachOnceInIdOrder()
    {
        using var http = Operator();
        var made = Enumerable.Range(1, 5).Select(n => Bot.Billing.Accounts.Create(new($"Shop {n}", "USD", 1m)).Id).ToList();

        var first = await Json(await http.GetAsync("/v1/accounts?limit=2"));
        var second = await Json(await http.GetAsync($"/v1/accounts?after={first.GetProperty("next").GetInt32()}&limit=2"));
        var last = await Json(await http.GetAsync($"/v1/accounts?after={second.GetProperty("next").GetInt32()}&limit=2"));
        var all = await Json(await http.GetAsync("/v1/accounts"));

        int[] Ids(JsonElement page) => [.. page.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("id").GetInt32())];
        Assert.Equal(made, [.. Ids(first), .. Ids(second), .. Ids(last)]);
        Assert.Equal([2, 2, 1], new[] { Ids(first).Length, Ids(second).Length, Ids(last).Length });
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Equal(made, Ids(all));
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Charges_RetriedWithTheSameKey_AppliedOnce_AndAnotherAmountUnderItIs409()
    {
        using var http = Operator();
        var shop = Bot.Billing.Accounts.Create(new("Shop", "USD", 0m));

        using var first = await Charge(http, shop.Id, 1.25m, "usage-42");
        using var retry = await Charge(http, shop.Id, 1.25m, "usage-42");
        using var conflict = await Charge(http, shop.Id, 9m, "usage-42");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(-1.25m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        await AssertProblem(conflict, HttpStatusCode.Conflict, "IdempotencyConflict");
    }

    [Fact]
    public async Task Writes_WithoutAKey_OrWithABadBody_Are400AndChangeNothing()
    {
        using var http = Operator();
        var shop = Bot.Billing.Accounts.Create(new("Shop", "USD", 0m));

        using var noKey = await http.PostAsJsonAsync($"/v1/accounts/{shop.Id}/charges", new { amount = 1m });
        using var badBody = await http.PostAsync($"/v1/accounts/{shop.Id}/invoices", Keyed("{\"amount\": \"lots\"}", "i-1"));

        using var noName = await http.PostAsJsonAsync("/v1/accounts", new { currency = "USD", dailyTariff = 1m, externalId = "crm-9" });
        using var nullName = await http.PostAsync("/v1/accounts", new StringContent("{\"name\": null, \"currency\": \"USD\", \"dailyTariff\": 1, \"externalId\": \"crm-9\"}", System.Text.Encoding.UTF8, "application/json"));

        await AssertProblem(noKey, HttpStatusCode.BadRequest, OperatorResources.MissingIdempotencyKey);
        await AssertProblem(noName, HttpStatusCode.BadRequest, OperatorResources.InvalidBody);
        await AssertProblem(nullName, HttpStatusCode.BadRequest, OperatorResources.InvalidBody);
        await AssertProblem(badBody, HttpStatusCode.BadRequest, OperatorResources.InvalidBody);
        Assert.Equal(0m, Bot.Billing.Accounts.Get(shop.Id).Balance);
        Assert.Empty(Bot.Billing.Invoices.List(shop.Id));
        Assert.Single(Bot.Billing.Accounts.List());
    }

    [Fact]
    public async Task Writes_WithAKeyTooLong_OrAPropertyTwice_Are400AndChangeNothing()
    {
        using var http = Operator();
        var shop = Bot.Billing.Accounts.Create(new("Shop", "USD", 0m));

        using var longKey = await Charge(http, shop.Id, 1m, new string('k', 1_014));
        using var twice = await http.PostAsync($"/v1/accounts/{shop.Id}/charges", Keyed("{\"amount\": 1, \"amount\": 1000}", "twice-1"));

        var problem = await AssertProblem(longKey, HttpStatusCode.BadRequest, nameof(BillingBot.Billing.BillingError.InvalidKey));
        Assert.Contains("200", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertProblem(twice, HttpStatusCode.BadRequest, OperatorResources.InvalidBody);
        Assert.Equal(0m, Bot.Billing.Accounts.Get(shop.Id).Balance);
    }

    [Fact]
    public async Task UnknownAccount_404_WithTheRefusalsCodeAndText_InRussianWhenAsked()
    {
        using var http = Operator();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/accounts/999");
        request.Headers.AcceptLanguage.ParseAdd("ru");

        using var english = await http.GetAsync("/v1/accounts/999");
        using var russian = await http.SendAsync(request);

        var problem = await AssertProblem(english, HttpStatusCode.NotFound, "UnknownAccount");
        Assert.Contains("999", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var russianText = (await AssertProblem(russian, HttpStatusCode.NotFound, "UnknownAccount")).GetProperty("detail").GetString()!;
        Assert.Matches("[а-яА-Я]", russianText);
    }

    [Fact]
    public async Task InvoicePaymentTransfer_ThroughTheApi_MoneyWhereItShouldBe_RetriesChangingNothing()
    {
        using var http = Operator();
        var agency = Bot.Billing.Accounts.Create(new("Agency", "USD", 0m, Billing.Accounts.AccountKind.Agency));
        var client = Bot.Billing.Accounts.Create(new("Client", "USD", 0m, AgencyId: agency.Id));

        using var invoice = await http.PostAsync($"/v1/accounts/{agency.Id}/invoices", Keyed("{\"amount\": 100}", "inv-1"));
        var number = (await Json(invoice)).GetProperty("number").GetString();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var paid = await http.PostAsJsonAsync("/v1/payments", new { paymentId = "ch_1", amount = 100m, invoice = number });
            Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
            using var moved = await http.PostAsync("/v1/transfers", Keyed($"{{\"from\": {agency.Id}, \"to\": {client.Id}, \"amount\": 30}}", "t-1"));
            Assert.Equal(HttpStatusCode.Created, moved.StatusCode);
        }

        Assert.Equal(70m, Bot.Billing.Accounts.Get(agency.Id).Balance);
        Assert.Equal(30m, Bot.Billing.Accounts.Get(client.Id).Balance);
        using var history = await http.GetAsync($"/v1/accounts/{agency.Id}/history");
        Assert.Equal(2, (await Json(history)).GetProperty("entries").GetArrayLength());
        using var tooMuch = await http.PostAsync("/v1/transfers", Keyed($"{{\"from\": {agency.Id}, \"to\": {client.Id}, \"amount\": 1000}}", "t-2"));
        await AssertProblem(tooMuch, HttpStatusCode.UnprocessableEntity, "InsufficientFunds");
    }

    [Fact]
    public async Task Refusal_CommandLineJsonAndApi_SameProblem()
    {
        using var http = Operator();
        var agency = Bot.Billing.Accounts.Create(new("Agency", "USD", 0m, Billing.Accounts.AccountKind.Agency));
        var client = Bot.Billing.Accounts.Create(new("Client", "USD", 0m, AgencyId: agency.Id));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = OperatorCommandLine.Run(["transfer", "--from", $"{agency.Id}", "--to", $"{client.Id}", "--amount", "5", "--json", "--db", DbPath], output, error, _time);
        using var answer = await http.PostAsync("/v1/transfers", Keyed($"{{\"from\": {agency.Id}, \"to\": {client.Id}, \"amount\": 5}}", "t-1"));

        Assert.Equal(OperatorCommandLine.BadInput, exit);
        var printed = JsonDocument.Parse(error.ToString()).RootElement;
        var served = await AssertProblem(answer, HttpStatusCode.UnprocessableEntity, "InsufficientFunds");
        foreach (var field in new[] { "type", "title", "status", "detail", "code" })
        {
            Assert.Equal(served.GetProperty(field).ToString(), printed.GetProperty(field).ToString());
        }
    }

    [Fact]
    public async Task Contract_ServedByTheBot_IsTheCommittedDocument()
    {
        using var http = Operator();
        var committed = Path.Combine(AppContext.BaseDirectory, "openapi.v1.json");

        var served = await http.GetStringAsync(AdminApi.OpenApiPath);

        // The committed copy is src/BillingBot/Admin/openapi.v1.json; after changing the API, write the served one there.
        Assert.True(File.Exists(committed), $"{committed} is missing");
        Assert.Equal(Normalized(await File.ReadAllTextAsync(committed)), Normalized(served));
        foreach (var path in new[] { "/v1/accounts", "/v1/accounts/{id}/charges", "/v1/payments", "/v1/transfers", "/v1/commands" })
        {
            Assert.Contains($"\"{path}\"", served, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TokenRotate_WhileTheBotRuns_OldTokenRefusedNewOneWorks()
    {
        using var http = Operator();
        var old = AdminToken.Read(AdminToken.PathOf(DbPath))!;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = OperatorCommandLine.Run(["token", "rotate", "--db", DbPath], output, error, _time);

        Assert.Equal(0, code);
        Assert.Contains(AdminToken.PathOf(DbPath), output.ToString(), StringComparison.Ordinal);
        var fresh = AdminToken.Read(AdminToken.PathOf(DbPath))!;
        Assert.NotEqual(old, fresh);
        Assert.DoesNotContain(fresh, output.ToString(), StringComparison.Ordinal);
        using var withOld = Client(old);
        using var withNew = Client(fresh);
        using var refused = await withOld.GetAsync("/v1/accounts");
        await AssertProblem(refused, HttpStatusCode.Unauthorized, "Unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await withNew.GetAsync("/v1/accounts")).StatusCode);
        // And the command line, a client too, goes on working with the new token.
        Assert.Equal(0, OperatorCommandLine.Run(["accounts", "list", "--db", DbPath], new StringWriter(), new StringWriter(), _time));
    }

    /// <summary>A client with the token the bot keeps.</summary>
    private HttpClient Operator() => Client(AdminToken.Read(AdminToken.PathOf(DbPath)));

    private HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri(BotEndpoint.Read(DbPath)!.Url) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private static Task<HttpResponseMessage> Charge(HttpClient http, int account, decimal amount, string key) =>
        http.PostAsync($"/v1/accounts/{account}/charges", Keyed(JsonSerializer.Serialize(new { amount }), key));

    private static StringContent Keyed(string json, string key)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        content.Headers.Add(OperatorResources.KeyHeader, key);
        return content;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await Json(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    private static string Normalized(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
