using QRCoder;
using SkiaSharp;

namespace BillingBot.Documents;

/// <summary>How a piece of text is set.</summary>
internal readonly record struct TextStyle(float Size, bool Bold = false)
{
    public static TextStyle Small { get; } = new(8);
    public static TextStyle Body { get; } = new(10);
    public static TextStyle Strong { get; } = new(10, Bold: true);
    public static TextStyle Heading { get; } = new(16, Bold: true);

    /// <summary>Baseline to baseline.</summary>
    public float LineHeight => Size * 1.35f;
}

/// <summary>A4 pages of a PDF (SkiaSharp's own backend), written top to bottom with the shipped fonts.</summary>
internal sealed class PdfPages : IDisposable
{
    public const float PageWidth = 595.28f;
    public const float PageHeight = 841.89f;
    public const float Margin = 50f;
    public const float Right = PageWidth - Margin;
    public const float Bottom = PageHeight - Margin;

    private readonly SKDocument _document;
    private readonly Dictionary<TextStyle, SKFont> _fonts = [];
    private readonly SKPaint _ink = new() { Color = SKColors.Black, IsAntialias = true };
    private readonly SKPaint _rule = new() { Color = SKColors.Gray, StrokeWidth = 0.5f, IsAntialias = true };
    private readonly SKPaint _modules = new() { Color = SKColors.Black, Style = SKPaintStyle.Fill };
    private SKCanvas? _canvas;

    public PdfPages(Stream output, string title, DateTimeOffset created)
    {
        _document = SKDocument.CreatePdf(output, new SKDocumentPdfMetadata
        {
            Title = title,
            Creator = "BillingBot",
            Creation = created.UtcDateTime,
            Modified = created.UtcDateTime,
        });
    }

    /// <summary>Where the next line goes, from the top of the page.</summary>
    public float Y { get; set; }

    public int Page { get; private set; }

    public void NewPage()
    {
        if (_canvas is not null)
        {
            _document.EndPage();
        }

        _canvas = _document.BeginPage(PageWidth, PageHeight);
        Page++;
        Y = Margin;
    }

    /// <summary>Draws one line of text with its baseline at <see cref="Y"/>.</summary>
    public void Text(string text, float x, TextStyle style, SKTextAlign align = SKTextAlign.Left) =>
        Canvas.DrawText(text, x, Y, align, Font(style), _ink);

    /// <summary>Draws <paramref name="text"/> wrapped to <paramref name="width"/>, moving <see cref="Y"/> down one line each.</summary>
    public void Paragraph(string text, float x, float width, TextStyle style)
    {
        foreach (var line in Wrap(text, width, style))
        {
            Y += style.LineHeight;
            Text(line, x, style);
        }
    }

    /// <summary>A thin line across the page at <see cref="Y"/>.</summary>
    public void Rule() => Canvas.DrawLine(Margin, Y, Right, Y, _rule);

    /// <summary>
    /// A QR code <paramref name="size"/> points wide with its top left corner at (<paramref name="x"/>, <paramref name="top"/>):
    /// each row's runs of dark modules as filled rectangles, crisp at any zoom.
    /// </summary>
    public void QrCode(QRCodeData code, float x, float top, float size)
    {
        var rows = code.ModuleMatrix;
        // Drawn in modules, scaled once: whole numbers, a rectangle each, keep the page's content small.
        Canvas.Save();
        Canvas.Translate(x, top);
        Canvas.Scale(size / rows.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                if (!row[c])
                {
                    continue;
                }

                var start = c;
                while (c + 1 < row.Length && row[c + 1])
                {
                    c++;
                }

                Canvas.DrawRect(start, r, c - start + 1, 1, _modules);
            }
        }

        Canvas.Restore();
    }

    public float Width(string text, TextStyle style) => Font(style).MeasureText(text);

    /// <summary>Lines of at most <paramref name="width"/>, broken between words, or inside a word longer than a line.</summary>
    public IReadOnlyList<string> Wrap(string text, float width, TextStyle style)
    {
        var font = Font(style);
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (font.MeasureText(candidate) <= width)
            {
                line = candidate;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line);
            }

            line = word;
            while (font.MeasureText(line) > width)
            {
                var fits = Math.Max(1, (int)font.BreakText(line, width));
                lines.Add(line[..fits]);
                line = line[fits..];
            }
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>Ends the last page and writes the document out.</summary>
    public void Finish()
    {
        if (_canvas is not null)
        {
            _document.EndPage();
            _canvas = null;
        }

        _document.Close();
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _ink.Dispose();
        _rule.Dispose();
        _modules.Dispose();
        _document.Dispose();
    }

    private SKCanvas Canvas => _canvas ?? throw new InvalidOperationException("No page is open: call NewPage first.");

    private SKFont Font(TextStyle style)
    {
        if (!_fonts.TryGetValue(style, out var font))
        {
            // Unhinted outlines at their true widths: a PDF is scaled by whoever reads it, never drawn at one pixel size.
            font = new SKFont(style.Bold ? DocumentFonts.Bold : DocumentFonts.Regular, style.Size)
            {
                Hinting = SKFontHinting.None,
                LinearMetrics = true,
                Subpixel = true,
            };
            _fonts[style] = font;
        }

        return font;
    }
}
