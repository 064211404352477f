using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Telegram.Bot;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// The parameters of one Bot API request, read the way Telegram reads them: query string, JSON body,
/// or form/multipart fields (where every value is a string and objects are JSON text).
/// </summary>
internal sealed class ApiParameters
{
    private readonly JsonObject _values;
    private readonly Dictionary<string, UploadedFile> _files;

    private ApiParameters(JsonObject values, Dictionary<string, UploadedFile> files, string json, string contentType)
    {
        _values = values;
        _files = files;
        Json = json;
        ContentType = contentType;
    }

    public static ApiParameters Empty { get; } = new([], [], "{}", "");

    /// <summary>The parameters as JSON, for the call log: the body itself when the bot sent JSON.</summary>
    public string Json { get; }

    public string ContentType { get; }

    public static async Task<ApiParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var values = new JsonObject();
        foreach (var (name, value) in request.Query)
        {
            values[name] = value.ToString();
        }

        var files = new Dictionary<string, UploadedFile>(StringComparer.Ordinal);
        var contentType = request.ContentType?.Split(';')[0].Trim() ?? "";
        string? rawJson = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (name, value) in form)
            {
                values[name] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var content = new MemoryStream();
                await file.CopyToAsync(content, cancellationToken);
                files[file.Name] = new UploadedFile(file.FileName, file.ContentType, content.ToArray());
            }
        }
        else
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken);
            if (body.Length > 0)
            {
                var parsed = ParseBody(body.GetBuffer().AsSpan(0, (int)body.Length));
                if (values.Count == 0)
                {
                    values = parsed;
                    rawJson = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
                }
                else
                {
                    foreach (var (name, value) in parsed)
                    {
                        values[name] = value?.DeepClone();
                    }
                }
            }
        }

        if (files.Count > 0)
        {
            // The call log shows an upload as the file it carried, not as its bytes.
            foreach (var (name, file) in files)
            {
                values[name] ??= $"<upload {file.FileName}, {file.Content.Length} bytes>";
            }
        }

        return new ApiParameters(values, files, rawJson ?? values.ToJsonString(), contentType);
    }

    private static JsonObject ParseBody(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw ApiError.BadRequest("parameters must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new ApiError("Bad Request: can't parse JSON: " + e.Message, e);
        }
    }

    public bool Has(string name) => _values[name] is not null;

    public string? String(string name) => _values[name] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    public long? Long(string name)
    {
        var node = _values[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number))
        {
            return number;
        }

        if (long.TryParse(String(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }

        throw ApiError.BadRequest($"invalid {name} specified");
    }

    public int? Int(string name) => Long(name) is { } value
        ? value is >= int.MinValue and <= int.MaxValue ? (int)value : throw ApiError.BadRequest($"invalid {name} specified")
        : null;

    public bool Bool(string name) => _values[name] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        _ => String(name) is "true" or "True" or "1",
    };

    /// <summary>An object or array parameter; in a form it arrives as JSON text and is parsed here.</summary>
    public JsonNode? Structured(string name)
    {
        var node = _values[name];
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                return JsonNode.Parse(value.GetValue<string>());
            }
            catch (JsonException)
            {
                throw ApiError.BadRequest($"can't parse {name} JSON object");
            }
        }

        return node;
    }

    public T? Object<T>(string name)
        where T : class
    {
        try
        {
            return Structured(name)?.Deserialize<T>(JsonBotAPI.Options);
        }
        catch (JsonException e)
        {
            throw new ApiError($"Bad Request: can't parse {name}: {e.Message}", e);
        }
    }

    public long ChatId()
    {
        var text = String("chat_id");
        if (string.IsNullOrEmpty(text))
        {
            throw ApiError.BadRequest("chat_id is empty");
        }

        if (text.StartsWith('@'))
        {
            throw ApiError.BadRequest("chat not found");
        }

        return Long("chat_id")!.Value;
    }

    public int MessageId() => Int("message_id") ?? throw ApiError.BadRequest("message identifier is not specified");

    public string Required(string name, string missing) =>
        String(name) is { Length: > 0 } value ? value : throw ApiError.BadRequest(missing);

    /// <summary>A file parameter: an uploaded part (directly or via attach://name), or null for a file_id/URL.</summary>
    public UploadedFile? Upload(string name)
    {
        if (_files.TryGetValue(name, out var file))
        {
            return file;
        }

        const string attach = "attach://";
        return String(name) is { } reference && reference.StartsWith(attach, StringComparison.Ordinal)
            && _files.TryGetValue(reference[attach.Length..], out file)
            ? file
            : null;
    }
}

/// <summary>A file part of a multipart request.</summary>
internal sealed record UploadedFile(string FileName, string ContentType, byte[] Content);
