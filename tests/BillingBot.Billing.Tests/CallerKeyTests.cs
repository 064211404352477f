using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;

namespace BillingBot.Billing.Tests;

/// <summary>Every key a caller gives, and every name: at most 200 characters, no control characters, refused with the reason.</summary>
public sealed class CallerKeyTests : IDisposable
{
    private readonly BillingFixture _f = new();

    public void Dispose() => _f.Dispose();

    public static TheoryData<string> Writes => ["payment", "invoice", "charge", "transfer", "promised payment", "external id"];

    [Theory]
    [MemberData(nameof(Writes))]
    public void Key_TooLongOrWithAControlCharacter_RefusedAndNothingStored(string write)
    {
        var agency = _f.Agency(currency: "USD");
        var client = _f.Client(agency, tariff: 1m);
        _f.Pay(agency, 100m, "funds");

        // A promised payment is for a customer who has paid an invoice before.
        var paid = _f.Billing.Invoices.Issue(client.Id, 10m, "setup");
        _f.Billing.Invoices.Record(new IncomingPayment("setup-payment", 10m, InvoiceNumber: paid.Number));
        var entries = _f.Store.Read(() => _f.Store.Entries.Count());

        foreach (var key in new[] { new string('k', CallerKey.MaxLength + 1), new string('k', 1_014), "line\nforged", "tab\tkey", "esc\u001bkey" })
        {
            var refused = Assert.Throws<BillingException>(() => Write(write, agency, client, key));
            Assert.Equal(BillingError.InvalidKey, refused.Error);
            Assert.Equal(CallerKey.MaxLength, refused.Args["max"]);
        }

        Assert.Equal(entries, _f.Store.Read(() => _f.Store.Entries.Count()));
        Assert.Equal(2, _f.Billing.Accounts.List().Count);

        // The longest key there may be is taken.
        Write(write, agency, client, new string('k', CallerKey.MaxLength));
    }

    [Theory]
    [InlineData("Flower\nshop")]
    [InlineData("a\nb\u0001c")]
    [InlineData("Shop\u007f")]
    public void Name_WithAControlCharacter_Refused(string name)
    {
        var refused = Assert.Throws<BillingException>(() => _f.Customer(name: name));

        Assert.Equal(BillingError.InvalidName, refused.Error);
        Assert.Empty(_f.Billing.Accounts.List());
    }

    private void Write(string write, Account agency, Account client, string key)
    {
        var billing = _f.Billing;
        _ = write switch
        {
            "payment" => (object)billing.Invoices.Record(new IncomingPayment(key, 1m, AccountId: client.Id)),
            "invoice" => billing.Invoices.Issue(client.Id, 10m, key),
            "charge" => billing.Charges.Post(client.Id, _f.Time.Today(client.TimeZone), 1m, key: key),
            "transfer" => billing.Agency.Transfer(agency.Id, client.Id, 1m, key),
            "promised payment" => billing.Promises.Take(client.Id, 1m, key),
            _ => billing.Accounts.Import([new NewAccount("Imported", "USD", 1m, ExternalId: key)]),
        };
    }
}
