using BillingBot.Billing;
using BillingBot.Telegram;
using Microsoft.AspNetCore.Http;

namespace BillingBot.Http;

/// <summary><c>GET /healthz</c>: 200 when the store opens and the chat loop is alive, 503 with the reason otherwise.</summary>
internal sealed class Health(BillingService billing, ChatLiveness chat)
{
    public const string Path = "/healthz";

    public IResult Check()
    {
        try
        {
            // Opening a transaction opens the file: that is the check, without reading anything.
            billing.Store.Read(() => true);
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or UnauthorizedAccessException)
        {
            return Results.Json(new { status = "unhealthy", reason = "the store does not open: " + e.GetType().Name }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var (alive, reason) = chat.Check();
        return Results.Json(new { status = alive ? "healthy" : "unhealthy", reason }, statusCode: alive ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
