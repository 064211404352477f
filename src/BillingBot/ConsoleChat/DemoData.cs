using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;

namespace BillingBot.ConsoleChat;

/// <summary>A demo world for the console chat: a shop with a month of history, an agency with two clients and an auto top-up rule.</summary>
internal static class DemoData
{
    /// <summary>The console chat's user, owner of the demo accounts.</summary>
    public const long UserId = 1;

    /// <summary>A provider with Russian bank details of the right form for the demo's invoices: a real bank's БИК, but an ИНН and an account of zeros, which nobody holds.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Provider { get; } =
    [
        new("Documents:ProviderName", "ООО «Демо Хостинг»"),
        new("Documents:ProviderAddress", "123112, г. Москва, Пресненская наб., д. 1, офис 101"),
        new("Documents:TaxId", "7700000009"),
        new("Documents:Kpp", "770001001"),
        new("Documents:BankName", "ПАО Сбербанк"),
        new("Documents:BankCode", "044525225"),
        new("Documents:CorrespondentAccount", "30101810400000000225"),
        new("Documents:BankAccount", "40702810900000000000"),
        new("Documents:VatRate", "22"),
    ];

    public static void EnsureSeeded(BillingStore store, BillingSettings settings, TimeProvider time)
    {
        var now = new BillingService(store, time, settings);
        if (now.Accounts.List().Count > 0)
        {
            return;
        }

        // The history is written as it would have happened: the clock walks through the last 30 days.
        var clock = new WalkingClock(time.GetUtcNow().AddDays(-30));
        var past = new BillingService(store, clock, settings);
        var shop = past.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        var agency = past.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency));
        var bakery = past.Accounts.Create(new NewAccount("Bakery", "RUB", 150m, AgencyId: agency.Id));
        var books = past.Accounts.Create(new NewAccount("Bookshop", "RUB", 200m, AgencyId: agency.Id));
        past.Invoices.Record(new IncomingPayment("demo-shop-1", 150m, AccountId: shop.Id));
        past.Invoices.Record(new IncomingPayment("demo-agency-1", 20_000m, AccountId: agency.Id));
        past.Agency.Transfer(agency.Id, bakery.Id, 1_000m, "demo-bakery-1");
        past.Agency.Transfer(agency.Id, books.Id, 6_000m, "demo-books-1");
        past.Agency.SetRule(bakery.Id, amount: 500m, threshold: 0m, limit: 2_000m, LimitPeriod.Day);
        for (var day = 1; day <= 30; day++)
        {
            clock.Now = clock.Now.AddDays(1);
            var yesterday = DateOnly.FromDateTime(clock.Now.UtcDateTime).AddDays(-1);
            past.Charges.Accrue(yesterday);
            if (day % 7 == 0)
            {
                past.Charges.Post(shop.Id, yesterday, 2.25m, "Extra usage");
            }

            if (day == 18)
            {
                past.Invoices.Record(new IncomingPayment("demo-shop-2", 100m, AccountId: shop.Id));
            }
        }

        now.Invoices.Issue(shop.Id, 55.80m, "demo-invoice-1");
        foreach (var account in new[] { shop, agency })
        {
            now.Members.Redeem(now.Members.Invite(account.Id, Role.Owner), UserId, "Demo owner");
        }
    }

    private sealed class WalkingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
