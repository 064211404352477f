using System.Globalization;
using System.Text;
using BillingBot.Documents;
using CsvHelper;

namespace BillingBot.Tests.Documents;

public sealed class StatementCsvTests : IDisposable
{
    private static readonly DateOnly September = new(2022, 9, 1);

    private readonly DocumentFixture _docs = new(new DateTimeOffset(2022, 8, 31, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void StatementCsv_Month_AmountsAddUpToClosingMinusOpening()
    {
        var shop = StatementMonths.MoscowShop(_docs);

        var csv = _docs.Documents.StatementCsv(shop.Id, September, "en");

        var all = Read(csv.Content);
        var rows = all[1..^1];
        var statement = _docs.Billing.Accounts.Statement(shop.Id, September, new DateOnly(2022, 9, 30));
        Assert.Equal(("statement-1-2022-09.csv", "text/csv"), (csv.FileName, csv.ContentType));
        Assert.Equal((990m, 1440m), (statement.Opening, statement.Closing));
        Assert.Equal(statement.Closing - statement.Opening, rows.Sum(r => decimal.Parse(r["amount"], CultureInfo.InvariantCulture)));
        Assert.Equal(["-20.00", "500.00", "-30.00"], rows.Select(r => r["amount"]));
        Assert.Equal("1440.00", rows[^1]["balance_after"]);
        // The balances the entries run between, as rows of their own: no amount, only the balance.
        Assert.Equal(("Opening balance", "", "990.00"), (all[0]["description"], all[0]["amount"], all[0]["balance_after"]));
        Assert.Equal(("Closing balance", "", "1440.00"), (all[^1]["description"], all[^1]["amount"], all[^1]["balance_after"]));
    }

    [Fact]
    public void StatementCsv_MonthInMoscow_HoldsTheEntriesOfItsBillingDaysOnly()
    {
        var shop = StatementMonths.MoscowShop(_docs);

        var rows = Read(_docs.Documents.StatementCsv(shop.Id, September, "ru").Content);

        // Opening at the month's first moment, closing at its last: the month is over.
        Assert.Equal(["2022-09-01T00:00:00+03:00", "2022-09-01T00:00:00+03:00", "2022-09-15T13:00:00+03:00", "2022-09-30T23:59:00+03:00", "2022-09-30T23:59:59+03:00"], rows.Select(r => r["time"]));
        Assert.Equal(["Входящий остаток", "Плата за использование за 01.09.2022", "Платёж (банковский перевод)", "Плата за использование за 30.09.2022", "Исходящий остаток"], rows.Select(r => r["description"]));
        // A reference a person can look up (the bank's payment id, a charge's day), never the ledger's own key.
        Assert.Equal(["", "2022-09-01", "bank-2", "2022-09-30", ""], rows.Select(r => r["reference"]));
        Assert.All(rows, r => Assert.Equal("RUB", r["currency"]));
    }

    [Fact]
    public void StatementCsv_MonthBeforeTheAccount_HasTheHeaderOnly()
    {
        var shop = StatementMonths.MoscowShop(_docs);

        var csv = _docs.Documents.StatementCsv(shop.Id, new DateOnly(2022, 7, 1), "en");

        // The byte order mark first, so spreadsheets read the file as UTF-8.
        Assert.Equal("\uFEFFreference,time,description,amount,balance_after,currency\r\n,2022-07-01T00:00:00+03:00,Opening balance,,0.00,RUB\r\n,2022-07-31T23:59:59+03:00,Closing balance,,0.00,RUB\r\n", Encoding.UTF8.GetString(csv.Content));
    }

    /// <summary>Every row by column name, read with CsvHelper as a spreadsheet import would.</summary>
    private static List<Dictionary<string, string>> Read(byte[] content)
    {
        using var csv = CsvReader.Create(content);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(StatementCsv.Columns.ToDictionary(c => c, csv.GetString));
        }

        return rows;
    }

    public void Dispose() => _docs.Dispose();
}
