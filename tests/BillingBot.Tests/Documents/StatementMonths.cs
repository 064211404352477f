using BillingBot.Billing.Accounts;

namespace BillingBot.Tests.Documents;

/// <summary>A Moscow account whose September starts and ends with charges a minute either side of its midnights.</summary>
internal static class StatementMonths
{
    /// <summary>
    /// 1000 paid and 10 charged on 31 August (Moscow), then in September 20 charged at its first minute, 500 paid and
    /// 30 charged at its last minute, then 40 charged at the first minute of October: September opens at 990, closes at 1440.
    /// </summary>
    public static Account MoscowShop(DocumentFixture docs)
    {
        var shop = docs.CreateAccount("Цветочный магазин", "RUB", "Europe/Moscow");
        docs.Pay(shop.Id, 1000m);
        docs.ChargeAt(shop, new DateTimeOffset(2022, 8, 31, 20, 59, 0, TimeSpan.Zero), 10m);
        docs.ChargeAt(shop, new DateTimeOffset(2022, 8, 31, 21, 0, 0, TimeSpan.Zero), 20m);
        docs.Time.SetUtcNow(new DateTimeOffset(2022, 9, 15, 10, 0, 0, TimeSpan.Zero));
        docs.Pay(shop.Id, 500m);
        docs.ChargeAt(shop, new DateTimeOffset(2022, 9, 30, 20, 59, 0, TimeSpan.Zero), 30m);
        docs.ChargeAt(shop, new DateTimeOffset(2022, 9, 30, 21, 0, 0, TimeSpan.Zero), 40m);
        return shop;
    }
}
