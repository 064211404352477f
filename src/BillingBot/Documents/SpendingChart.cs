using BillingBot.Billing.Accounts;
using BillingBot.Billing.Ledger;
using ScottPlot;

namespace BillingBot.Documents;

/// <summary>A PNG of the daily service charges of the last days as bars, with the balance at the end of each day as a line on a second axis.</summary>
internal sealed class SpendingChart(DocumentText t)
{
    public const int Days = 30;
    public const int Width = 800;
    public const int Height = 400;

    /// <param name="statement">The entries from <see cref="Days"/> days before today through today, so a charge posted the day after it is for counts.</param>
    /// <param name="today">The account's billing day now; the chart ends with yesterday, the last day charged.</param>
    public byte[] Render(Statement statement, DateOnly today)
    {
        var account = statement.Account;
        var first = today.AddDays(-Days);
        var (charges, balances) = Series(statement, today);
        var positions = Enumerable.Range(0, Days).Select(i => (double)i).ToArray();

        using var plot = new Plot();
        plot.Font.Set(DocumentFonts.Chart);
        var bars = plot.Add.Bars(positions, charges);
        bars.LegendText = t["doc.chart.charges", ("currency", account.Currency)];
        var line = plot.Add.ScatterLine(positions, balances);
        line.Axes.YAxis = plot.Axes.Right;
        line.LineWidth = 2;
        line.LegendText = t["doc.chart.balance", ("currency", account.Currency)];

        plot.Title(t["doc.chart.title", ("name", account.Name), ("days", Days)]);
        plot.XLabel(t["doc.chart.day"]);
        plot.YLabel(bars.LegendText);
        plot.Axes.Right.Label.Text = line.LegendText;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Number };
        plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Number };
        // A day label every five days, written as the reader writes dates.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. positions.Where(p => p % 5 == 4)],
            [.. positions.Where(p => p % 5 == 4).Select(p => first.AddDays((int)p).ToString("dd.MM", t.Culture))]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>For each of the <see cref="Days"/> days before today: the service charges for it and the balance at its end, as doubles for drawing only.</summary>
    public (double[] Charges, double[] Balances) Series(Statement statement, DateOnly today)
    {
        var first = today.AddDays(-Days);
        var charges = new double[Days];
        var balances = new double[Days];
        var entries = statement.Entries;
        // A charge counts for the day it is for, whenever it was posted; the balance moves when the entry was posted.
        foreach (var entry in entries)
        {
            if (entry is { Kind: EntryKind.ServiceCharge, ChargeDate: { } day } && day >= first && day < today)
            {
                charges[day.DayNumber - first.DayNumber] += (double)-entry.Amount;
            }
        }

        var balance = statement.Opening;
        var next = 0;
        for (var i = 0; i < Days; i++)
        {
            var day = first.AddDays(i);
            while (next < entries.Count && t.LocalDay(entries[next].Time) <= day)
            {
                balance = entries[next++].BalanceAfter;
            }

            balances[i] = (double)balance;
        }

        return (charges, balances);
    }

    /// <summary>Group separators of the reader's culture, and decimals only where a tick needs them (2.5, 1,500).</summary>
    private string Number(double value) => value.ToString("#,0.##", t.Culture);
}
