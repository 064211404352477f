using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Telegram;
using Microsoft.AspNetCore.Http;

namespace BillingBot.Http;

/// <summary><c>GET /healthz</c>: 200 when the store opens and takes writes and the chat loop is alive, 503 with the reason otherwise.</summary>
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
        catch (StoreUnavailableException e)
        {
            return Unhealthy(e.Fault);
        }
        catch (Exception e) when (e is LiteDB.LiteException or IOException or UnauthorizedAccessException)
        {
            return Results.Json(new { status = "unhealthy", reason = "the store does not open: " + e.GetType().Name }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        // A store that failed to write is tried once more here, so health comes back by itself when space does.
        if (!billing.Store.Probe() && billing.Store.Fault is { } fault)
        {
            return Unhealthy(fault);
        }

        var (alive, reason) = chat.Check();
        return Results.Json(new { status = alive ? "healthy" : "unhealthy", reason }, statusCode: alive ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static IResult Unhealthy(StoreFault fault) => Results.Json(
        new
        {
            status = "unhealthy",
            reason = fault switch
            {
                StoreFault.DiskFull => "the disk holding the store is full: nothing can be recorded",
                StoreFault.Damaged => "the store holds damaged data: nothing is recorded until it is restored from a backup and the bot restarted",
                _ => "the store cannot be read or written",
            },
        },
        statusCode: StatusCodes.Status503ServiceUnavailable);
}
