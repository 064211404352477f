using System.Text.Json;
using BillingBot.Billing.Storage;
using BillingBot.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillingBot.Admin;

/// <summary>
/// The operator API on its own listener (loopback by default, apart from the public webhook): operator commands run by
/// the bot that owns the database, behind a bearer token. Once it listens, <see cref="BotEndpoint"/> tells commands
/// where it is.
/// </summary>
internal sealed class AdminApi(IServiceProvider services, BillingStore store, IOptions<AdminOptions> options) : IHostedService, IAsyncDisposable
{
    public const string CommandsPath = "/v1/commands";

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var token = AdminToken.Resolve(options.Value.Token, store.Path);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().UseUrls(options.Value.Urls.Split(';'));
        _app = builder.Build();
        _app.MapPost(CommandsPath, async (HttpContext http) =>
        {
            if (!AdminToken.Matches(token, Bearer(http.Request)))
            {
                return Results.Unauthorized();
            }

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
                return Results.BadRequest();
            }

            // The command's work is synchronous (one store transaction on one thread): off the request's thread.
            return Results.Json(await Task.Run(() => Run(request), http.RequestAborted), Formats.Json);
        });
        await _app.StartAsync(cancellationToken);
        var address = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        new BotEndpoint(Environment.ProcessId, address.ToString()).Write(store.Path);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        BotEndpoint.Remove(store.Path);
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
