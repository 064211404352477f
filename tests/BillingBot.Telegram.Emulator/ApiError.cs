namespace BillingBot.Telegram.Emulator;

/// <summary>An error answer of the Bot API: thrown by a method, written as <c>{"ok":false,...}</c>.</summary>
internal sealed class ApiError : Exception
{
    public ApiError()
        : this(500, "Internal Server Error")
    {
    }

    public ApiError(string message)
        : this(400, message)
    {
    }

    public ApiError(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    public ApiError(int statusCode, string description, int? retryAfter = null, long? migrateToChatId = null)
        : base(description)
    {
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        MigrateToChatId = migrateToChatId;
    }

    public int StatusCode { get; }

    public int? RetryAfter { get; }

    public long? MigrateToChatId { get; }

    public string Description => Message;

    public static ApiError BadRequest(string detail) => new(400, "Bad Request: " + detail);

    public static ApiError Forbidden(string detail) => new(403, "Forbidden: " + detail);

    public static ApiError Migrated(long supergroupId) =>
        new(400, "Bad Request: group chat was upgraded to a supergroup chat", migrateToChatId: supergroupId);

    public static ApiError Unauthorized() => new(401, "Unauthorized");

    public static ApiError MethodNotFound() => new(404, "Not Found: method not found");

    public static ApiError Conflict() =>
        new(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");

    public static ApiError TooManyRequests(int retryAfter) =>
        new(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);

    /// <summary>The description Telegram gives for a status code when a test does not choose one.</summary>
    public static string DefaultDescription(int statusCode, int? retryAfter) => statusCode switch
    {
        400 => "Bad Request: emulated failure",
        401 => "Unauthorized",
        403 => "Forbidden: bot was blocked by the user",
        404 => "Not Found",
        409 => "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        429 => $"Too Many Requests: retry after {retryAfter ?? 1}",
        502 => "Bad Gateway",
        _ => "Internal Server Error",
    };
}
