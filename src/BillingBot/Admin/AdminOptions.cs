using System.ComponentModel.DataAnnotations;

namespace BillingBot.Admin;

/// <summary>The operator API (section <c>Admin</c>): where it listens and the token a caller must bring.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Listening addresses, separated by <c>;</c>; loopback only unless set otherwise, and port 0 picks a free one.</summary>
    [Required]
    [RegularExpression(@"^https?://\S+(;https?://\S+)*$", ErrorMessage = "Admin:Urls must be one or more http(s) URLs separated by ';', such as http://127.0.0.1:5081.")]
    public string Urls { get; set; } = "http://127.0.0.1:5081";

    /// <summary>The bearer token; empty: one made once and kept in <c>DATABASE.token</c>, readable by its owner only.</summary>
    public string? Token { get; set; }
}
