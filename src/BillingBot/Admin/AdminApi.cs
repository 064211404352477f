using System.Text.Json;
using BillingBot.Billing;
using BillingBot.Cli;
using BillingBot.Localization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace BillingBot.Admin;

/// <summary>
/// The operator API on its own listener (loopback by default, apart from the public webhook): operator commands run by
/// the bot that owns the database, behind a bearer token. Once it listens, <see cref="BotEndpoint"/> tells commands
/// where it is.
/// </summary>
internal sealed class AdminApi(IServiceProvider services, BillingService billing, Localizer localizer, TimeProvider time, IOptions<AdminOptions> options) : IHostedLifecycleService, IAsyncDisposable
{
    public const string CommandsPath = "/v1/commands";

    private WebApplication? _app;

    /// <summary>Where the contract is served; the same document is committed beside this file as <c>openapi.v1.json</c>.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>
    /// Listens before any other service starts (the schedule, polling, the console chat): a taken address then stops
    /// the start with nothing running on the store.
    /// </summary>
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var token = new CurrentToken(options.Value.Token, billing.Store.Path);
        // Made (or read) now, so the file is there for commands before the first request.
        _ = token.Value;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "BillingBot" });
        builder.Services.AddRoutingCore();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new() { Title = "BillingBot operator API", Version = "v1" };
            document.Servers = [];
            document.Components ??= new();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                ["bearer"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Admin:Token, or the token kept beside the database (FILE.token)." },
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        }));
        builder.WebHost.UseKestrelCore().UseUrls(options.Value.Urls.Split(';'));
        _app = builder.Build();
        _app.MapOpenApi(OpenApiPath);
        var api = _app.MapGroup("/v1").AddEndpointFilter(async (context, next) =>
            AdminToken.Matches(token.Value, Bearer(context.HttpContext.Request))
                ? await next(context)
                : OperatorResources.Problem(StatusCodes.Status401Unauthorized, "Unauthorized", localizer.Text(OperatorContext.Culture, "cli.api.unauthorized")));
        api.MapPost("/commands", async (HttpContext http) =>
        {
            CommandRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<CommandRequest>(http.Request.Body, Formats.Json, http.RequestAborted);
            }
            catch (JsonException)
            {
                request = null;
            }

            if (request is not { Args: not null, WorkingDirectory: not null, Files: not null })
            {
                return OperatorResources.Problem(StatusCodes.Status400BadRequest, OperatorResources.InvalidBody, localizer.Text(OperatorContext.Culture, "cli.api.invalidBody", ("reason", "Args, WorkingDirectory and Files are required")));
            }

            // The command's work is synchronous (one store transaction on one thread): off the request's thread.
            return Results.Json(await Task.Run(() => Run(request), http.RequestAborted), Formats.Json);
        }).Accepts<CommandRequest>("application/json").Produces<CommandAnswer>().ProducesProblem(400).WithName("RunCommand");
        api.ProducesProblem(StatusCodes.Status401Unauthorized);
        OperatorResources.Map(api, billing, localizer, time);
        await _app.StartAsync(cancellationToken);
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        new BotEndpoint(Environment.ProcessId, address.ToString()).Write(billing.Store.Path);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BotEndpoint.Remove(billing.Store.Path);
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private CommandAnswer Run(CommandRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var files = new CarriedFiles(request.WorkingDirectory, request.Files);
        var code = OperatorCommandLine.RunInBot([.. request.Args], output, error, services, files);
        return new CommandAnswer(code, output.ToString(), error.ToString(), code == OperatorCommandLine.Ok ? files.Written : new Dictionary<string, byte[]>());
    }

    private static string? Bearer(HttpRequest request) =>
        request.Headers.Authorization.ToString() is { } value && value.StartsWith("Bearer ", StringComparison.Ordinal) ? value["Bearer ".Length..].Trim() : null;
}
