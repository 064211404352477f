using SkiaSharp;

namespace BillingBot.Documents;

/// <summary>The DejaVu Sans files shipped beside the program: every document draws with them, whatever fonts the machine has.</summary>
internal static class DocumentFonts
{
    /// <summary>The family name the charts know the shipped files by; its own name, so a system DejaVu is never picked instead.</summary>
    public const string ChartFamily = "BillingBot DejaVu Sans";

    private static readonly Lazy<SKTypeface> LazyRegular = new(() => Load("DejaVuSans.ttf"));
    private static readonly Lazy<SKTypeface> LazyBold = new(() => Load("DejaVuSans-Bold.ttf"));

    // ScottPlot keeps its fonts in one static list: the files are added to it once per process.
    private static readonly Lazy<string> LazyChartFamily = new(() =>
    {
        ScottPlot.Fonts.AddFontFile(ChartFamily, PathOf("DejaVuSans.ttf"), bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(ChartFamily, PathOf("DejaVuSans-Bold.ttf"), bold: true, italic: false);
        return ChartFamily;
    });

    public static SKTypeface Regular => LazyRegular.Value;

    public static SKTypeface Bold => LazyBold.Value;

    /// <summary>The chart font family, registered with ScottPlot on first use.</summary>
    public static string Chart => LazyChartFamily.Value;

    private static string PathOf(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fonts", file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"The font {file} is not beside the program; documents cannot be drawn without it.", path);
    }

    private static SKTypeface Load(string file) =>
        SKTypeface.FromFile(PathOf(file)) ?? throw new InvalidDataException($"{PathOf(file)} is not a font SkiaSharp can read.");
}
