using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingBot.Telegram.Emulator;

/// <summary>
/// One request the bot made: method name as sent, its parameters as JSON, the status it got, and the media type
/// of its body (application/json, multipart/form-data, or empty).
/// </summary>
public sealed record ApiCall(string Method, string Parameters, int StatusCode, string ContentType)
{
    /// <summary>A parameter as a string (a JSON string's value, otherwise its raw JSON), or null when absent.</summary>
    public string? Get(string name)
    {
        var node = JsonNode.Parse(Parameters)?[name];
        return node switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
