using BillingBot.Billing.Accounts;
using SkiaSharp;

namespace BillingBot.Documents;

/// <summary>A monthly statement as a PDF: opening balance, every entry with the balance after it, closing balance; the table header repeats on each page.</summary>
internal sealed class StatementPdf(DocumentText t, DocumentOptions provider)
{
    private const float DateX = PdfPages.Margin;
    private const float DescriptionX = DateX + 68f;
    private const float BalanceRight = PdfPages.Right;
    private const float AmountRight = BalanceRight - 95f;
    private const float DescriptionWidth = AmountRight - 95f - DescriptionX;
    private const float RowGap = 3f;

    /// <summary>The lowest baseline of the content, above the page number.</summary>
    private const float ContentBottom = PdfPages.Bottom - 10f;

    private static readonly float HeaderHeight = TextStyle.Strong.LineHeight + (TextStyle.Body.LineHeight / 2);
    private static readonly float ClosingHeight = (TextStyle.Body.LineHeight / 2) + (TextStyle.Strong.LineHeight * 2);

    private sealed record Row(string Date, IReadOnlyList<string> Description, string Amount, string Balance, float Height);

    public void Write(Stream output, Statement statement, DateTimeOffset now)
    {
        var account = statement.Account;
        // The month and its year never part across lines ("for November / 2026").
        var title = t["doc.statement.title", ("id", account.Id), ("name", account.Name), ("month", t.Month(statement.First).Replace(' ', '\u00a0'))];
        using var pages = new PdfPages(output, title, now);
        pages.NewPage();
        Letterhead.Draw(pages, t, provider);
        pages.Y += TextStyle.Body.LineHeight;
        pages.Paragraph(title, PdfPages.Margin, PdfPages.Right - PdfPages.Margin, TitleStyle(pages, title));
        // A month still running is told to the day it was made, never to a day that has not come.
        pages.Paragraph(t["doc.statement.period", ("from", t.Day(statement.First)), ("to", t.Day(t.IsOver(statement, now) ? statement.Last : t.LocalDay(now))), ("zone", account.TimeZone)], PdfPages.Margin, PdfPages.Right - PdfPages.Margin, TextStyle.Body);
        pages.Paragraph(t["doc.statement.opening", ("date", t.Day(statement.First)), ("amount", t.Money(statement.Opening, account.Currency))], PdfPages.Margin, PdfPages.Right - PdfPages.Margin, TextStyle.Strong);
        pages.Y += TextStyle.Body.LineHeight;

        var rows = statement.Entries.Select(e =>
        {
            var description = pages.Wrap(t.Describe(e), DescriptionWidth, TextStyle.Body);
            return new Row(t.Day(t.LocalDay(e.Time)), description, t.Signed(e.Amount, account.Currency), t.Money(e.BalanceAfter, account.Currency), (description.Count * TextStyle.Body.LineHeight) + RowGap);
        }).ToList();
        var perPage = Paginate(rows.Select(r => r.Height).ToList(), ContentBottom - pages.Y, ContentBottom - PdfPages.Margin);
        var next = 0;
        for (var page = 0; page < perPage.Count; page++)
        {
            if (page > 0)
            {
                pages.NewPage();
            }

            if (rows.Count == 0)
            {
                pages.Paragraph(t["doc.statement.none"], PdfPages.Margin, PdfPages.Right - PdfPages.Margin, TextStyle.Body);
            }
            else if (perPage[page] > 0)
            {
                Header(pages);
            }

            foreach (var row in rows.Skip(next).Take(perPage[page]))
            {
                Draw(pages, row);
            }

            next += perPage[page];
            if (page == perPage.Count - 1)
            {
                Closing(pages, statement, now);
            }

            pages.Y = PdfPages.Bottom + (TextStyle.Small.LineHeight * 2);
            pages.Text(t["doc.page", ("page", page + 1), ("pages", perPage.Count)], PdfPages.PageWidth / 2, TextStyle.Small, SKTextAlign.Center);
        }

        pages.Finish();
    }

    /// <summary>The heading's size, made smaller (down to 12 pt) so the title fits on one line; a longer name still wraps.</summary>
    private static TextStyle TitleStyle(PdfPages pages, string title)
    {
        var style = TextStyle.Heading;
        while (style.Size > 12 && pages.Width(title, style) > PdfPages.Right - (2 * PdfPages.Margin))
        {
            style = style with { Size = style.Size - 1 };
        }

        return style;
    }

    /// <summary>
    /// How many rows each page takes, given the room below the first page's heading and on every later page; the closing
    /// lines stay on the last page with at least one row: where the rows leave no room for them, the last row goes over too.
    /// </summary>
    private static List<int> Paginate(IReadOnlyList<float> heights, float firstRoom, float room)
    {
        var pages = new List<int> { 0 };
        var used = HeaderHeight;
        var available = firstRoom;
        foreach (var height in heights)
        {
            // A page takes at least one row, however tall, so a long description never stops the document.
            if (pages[^1] > 0 && used + height > available)
            {
                pages.Add(0);
                used = HeaderHeight;
                available = room;
            }

            pages[^1]++;
            used += height;
        }

        // The totals never sit alone on a page: where they do not fit, the last row goes over with them.
        if (used + ClosingHeight > available)
        {
            if (pages[^1] > 1)
            {
                pages[^1]--;
                pages.Add(1);
            }
            else
            {
                pages.Add(0);
            }
        }

        return pages;
    }

    private void Header(PdfPages pages)
    {
        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t["doc.statement.date"], DateX, TextStyle.Strong);
        pages.Text(t["doc.statement.description"], DescriptionX, TextStyle.Strong);
        pages.Text(t["doc.statement.amount"], AmountRight, TextStyle.Strong, SKTextAlign.Right);
        pages.Text(t["doc.statement.balance"], BalanceRight, TextStyle.Strong, SKTextAlign.Right);
        pages.Y += TextStyle.Body.LineHeight / 2;
        pages.Rule();
    }

    /// <summary>Drawn in reading order (date, description, amount, balance), so text copied from the PDF reads as a row.</summary>
    private static void Draw(PdfPages pages, Row row)
    {
        var top = pages.Y;
        pages.Y += TextStyle.Body.LineHeight;
        var firstLine = pages.Y;
        pages.Text(row.Date, DateX, TextStyle.Body);
        foreach (var line in row.Description)
        {
            pages.Text(line, DescriptionX, TextStyle.Body);
            pages.Y += TextStyle.Body.LineHeight;
        }

        pages.Y = firstLine;
        pages.Text(row.Amount, AmountRight, TextStyle.Body, SKTextAlign.Right);
        pages.Text(row.Balance, BalanceRight, TextStyle.Body, SKTextAlign.Right);
        pages.Y = top + row.Height;
    }

    /// <summary>
    /// The totals and the closing balance: money in without promised payments (credited, but owed), those apart; a month
    /// still running closes at the moment the statement was made, with that time shown.
    /// </summary>
    private void Closing(PdfPages pages, Statement statement, DateTimeOffset now)
    {
        var currency = statement.Account.Currency;
        var promised = statement.Entries.Where(e => e.Kind == Billing.Ledger.EntryKind.PromisedPaymentCredit).Sum(e => e.Amount);
        var credits = statement.Entries.Where(e => e.Amount > 0).Sum(e => e.Amount) - promised;
        var debits = statement.Entries.Where(e => e.Amount < 0).Sum(e => -e.Amount);
        pages.Y += TextStyle.Body.LineHeight / 2;
        pages.Rule();
        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t["doc.statement.totals", ("credits", t.Money(credits, currency)), ("debits", t.Money(debits, currency))], PdfPages.Margin, TextStyle.Body);
        if (promised > 0)
        {
            pages.Y += TextStyle.Body.LineHeight;
            pages.Text(t["doc.statement.promised", ("amount", t.Money(promised, currency))], PdfPages.Margin, TextStyle.Body);
        }

        pages.Y += TextStyle.Strong.LineHeight;
        pages.Text(t.ClosingLine(statement, now), PdfPages.Margin, TextStyle.Strong);
    }
}
