using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Billing.Tests;

/// <summary>A real LiteDB file in a temp folder, a fake clock and the billing service over them.</summary>
public sealed class BillingFixture : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-tests", Guid.NewGuid().ToString("N"));

    public BillingFixture(BillingSettings? settings = null, DateTimeOffset? start = null)
    {
        Time = new FakeTimeProvider(start ?? new DateTimeOffset(2022, 9, 1, 10, 0, 0, TimeSpan.Zero));
        Settings = settings ?? new BillingSettings();
        Store = new BillingStore(DbPath);
        Billing = new BillingService(Store, Time, Settings);
    }

    public string DbPath => Path.Combine(_folder, "billing.db");
    public FakeTimeProvider Time { get; }
    public BillingSettings Settings { get; }
    public BillingStore Store { get; }
    public BillingService Billing { get; }

    public Account Customer(string currency = "USD", decimal tariff = 3.33m, string name = "Shop") =>
        Billing.Accounts.Create(new NewAccount(name, currency, tariff));

    public Account Agency(string currency = "RUB", string name = "Agency") =>
        Billing.Accounts.Create(new NewAccount(name, currency, 0, AccountKind.Agency));

    public Account Client(Account agency, decimal tariff = 0, string name = "Client") =>
        Billing.Accounts.Create(new NewAccount(name, agency.Currency, tariff, AgencyId: agency.Id));

    /// <summary>Credits money as a bank transfer would.</summary>
    public void Pay(Account account, decimal amount, string? paymentId = null) => Pay(account.Id, amount, paymentId);

    public void Pay(int accountId, decimal amount, string? paymentId = null) =>
        Billing.Invoices.Record(new IncomingPayment(paymentId ?? Guid.NewGuid().ToString("N"), amount, AccountId: accountId));

    public decimal Balance(int accountId) => Billing.Accounts.Get(accountId).Balance;

    /// <summary>Σ of the account's entries, read independently of the cached balance.</summary>
    public decimal SumOfEntries(int accountId) => Store.Read(() => Store.Entries.Find(e => e.AccountId == accountId).Sum(e => e.Amount));

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a killed child process; the temp folder is cleaned by the OS.
        }
    }
}
