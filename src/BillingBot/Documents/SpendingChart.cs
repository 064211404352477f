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
        var charged = charges.Any(c => c > 0);
        var balanceText = t["doc.chart.balance", ("currency", account.Currency)];
        // Without a charge in these days there are no bars to draw: the balance alone, on the left axis, and the title says so.
        if (charged)
        {
            var bars = plot.Add.Bars(positions, charges);
            bars.LegendText = t["doc.chart.charges", ("currency", account.Currency)];
            plot.YLabel(bars.LegendText);
        }

        var line = plot.Add.ScatterLine(positions, balances);
        line.LineWidth = 2;
        line.LegendText = balanceText;
        if (charged)
        {
            line.Axes.YAxis = plot.Axes.Right;
            plot.Axes.Right.Label.Text = balanceText;
            plot.Axes.Right.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Number };
        }
        else
        {
            plot.YLabel(balanceText);
        }

        var title = t["doc.chart.title", ("name", account.Name), ("days", Days)];
        plot.Title(charged ? title : title + "\n" + t["doc.chart.noCharges"]);
        plot.XLabel(t["doc.chart.day"]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = Number };
        // A day label every five days, written as the reader writes dates.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            [.. positions.Where(p => p % 5 == 4)],
            [.. positions.Where(p => p % 5 == 4).Select(p => first.AddDays((int)p).ToString("dd.MM", t.Culture))]);
        // Bars stand on the axis; the balance has room above and below, so its line is never cut at the edge.
        plot.Axes.Margins(bottom: 0);
        var (low, high) = BalanceLimits(balances);
        plot.Axes.SetLimitsY(low, high, charged ? plot.Axes.Right : plot.Axes.Left);
        // Below the chart, never over its bars or its line.
        plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>The balance axis: every balance inside, with a tenth of their spread above and below (a flat one gets room too).</summary>
    public static (double Low, double High) BalanceLimits(IReadOnlyList<double> balances)
    {
        var (low, high) = (balances.Min(), balances.Max());
        var room = high > low ? (high - low) * 0.1 : Math.Max(1, Math.Abs(high) * 0.1);
        return (low - room, high + room);
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
