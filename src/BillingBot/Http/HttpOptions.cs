using System.ComponentModel.DataAnnotations;

namespace BillingBot.Http;

/// <summary>Where the bot listens for HTTP (section <c>Http</c>): the payment webhook, the health check and Telegram's webhook.</summary>
public sealed class HttpOptions
{
    public const string Section = "Http";

    /// <summary>Listening addresses, separated by <c>;</c>; port 0 picks a free one.</summary>
    [Required]
    [RegularExpression(@"^https?://\S+(;https?://\S+)*$", ErrorMessage = "Http:Urls must be one or more http(s) URLs separated by ';', such as http://127.0.0.1:5080.")]
    public string Urls { get; set; } = "http://127.0.0.1:5080";
}
