using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// Serves <c>/bot{token}/{method}</c> like api.telegram.org: checks the token, runs the method (or a planned
/// fault), answers <c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":...}</c>, and logs the call.
/// </summary>
internal sealed class ApiEndpoint(string token, BotMethods methods, FaultPlan faults)
{
    private readonly Lock _gate = new();
    private readonly List<ApiCall> _calls = [];

    public IReadOnlyList<ApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        var slash = path.StartsWith("/bot", StringComparison.Ordinal) ? path.IndexOf('/', 4) : -1;
        if (slash < 0)
        {
            await WriteAsync(http, new ApiError(404, "Not Found"));
            return;
        }

        var method = path[(slash + 1)..];
        var parameters = ApiParameters.Empty;
        object? result = null;
        ApiError? error = null;
        try
        {
            parameters = await ApiParameters.ReadAsync(http.Request, http.RequestAborted);
            if (!path.AsSpan(4, slash - 4).SequenceEqual(token))
            {
                throw ApiError.Unauthorized();
            }

            var run = methods.Find(method) ?? throw ApiError.MethodNotFound();
            faults.ThrowIfPlanned(method);
            result = await run(parameters, http.RequestAborted);
        }
        catch (ApiError e)
        {
            error = e;
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException)
        {
            error = ApiError.BadRequest("can't parse request: " + e.Message);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The bot went away (a poll cancelled at its shutdown): 499 in the log, nobody reads an answer.
            Record(new ApiCall(method, parameters.Json, 499, parameters.ContentType));
            return;
        }

        // Logged before answering, so a test that saw the bot get its answer also sees the call.
        Record(new ApiCall(method, parameters.Json, error?.StatusCode ?? 200, parameters.ContentType));
        try
        {
            await (error is null ? WriteAsync(http, result!) : WriteAsync(http, error));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
        }
    }

    private void Record(ApiCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    private static Task WriteAsync(HttpContext http, object result) =>
        WriteAsync(http, 200, writer =>
        {
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("result");
            if (result is UpdateBatch batch)
            {
                writer.WriteStartArray();
                foreach (var update in batch.Updates)
                {
                    writer.WriteRawValue(update, skipInputValidation: true);
                }

                writer.WriteEndArray();
            }
            else
            {
                JsonSerializer.Serialize(writer, result, result.GetType(), JsonBotAPI.Options);
            }
        });

    private static Task WriteAsync(HttpContext http, ApiError error) =>
        WriteAsync(http, error.StatusCode, writer =>
        {
            writer.WriteBoolean("ok", false);
            writer.WriteNumber("error_code", error.StatusCode);
            writer.WriteString("description", error.Description);
            if (error.RetryAfter is not null || error.MigrateToChatId is not null)
            {
                writer.WriteStartObject("parameters");
                if (error.RetryAfter is { } retryAfter)
                {
                    writer.WriteNumber("retry_after", retryAfter);
                }

                if (error.MigrateToChatId is { } supergroup)
                {
                    writer.WriteNumber("migrate_to_chat_id", supergroup);
                }

                writer.WriteEndObject();
            }
        });

    private static async Task WriteAsync(HttpContext http, int status, Action<Utf8JsonWriter> writeBody)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeBody(writer);
            writer.WriteEndObject();
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }
}
