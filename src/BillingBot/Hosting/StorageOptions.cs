using System.ComponentModel.DataAnnotations;

namespace BillingBot.Hosting;

/// <summary>Where the LiteDB file lives (section <c>Storage</c>).</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Relative paths are resolved against the working directory.</summary>
    [Required]
    public string Path { get; set; } = "data/billingbot.db";
}
