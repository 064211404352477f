using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;

namespace BillingBot.Telegram.Tests;

/// <summary>/cancel leaves every flow, through the real host and client.</summary>
public sealed class CancelTests : BotTest
{
    private const long Owner = 4004;

    /// <summary>Where each flow's steps are reached from the menu: button texts, or <c>|text</c> typed.</summary>
    public static TheoryData<string, string> Flows => new()
    {
        { "shop", "Top up" },
        { "shop", "Top up|10 days — $33.30" },
        { "shop", "Promised payment|Take a promised payment" },
        { "shop", "Promised payment|Take a promised payment|>5" },
        { "agency", "Clients|Bakery|Transfer to" },
        { "agency", "Clients|Bakery|Transfer to|>100" },
        { "agency", "Clients|Bakery|Take back" },
        { "agency", "Clients|Bakery|Auto top-up rule" },
        { "agency", "Clients|Bakery|Auto top-up rule|>500|>0" },
        { "agency", "Clients|Bakery|Auto top-up rule|>500|>0|>2000" },
        { "agency", "Clients|Bakery|Auto top-up rule|>500|>0|>2000|Day" },
        { "agency", "Settings|Digest time" },
        { "agency", "Settings|Time zone" },
        { "agency", "Settings|Low-balance alert" },
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Cancel_FromEveryFlow_BackToTheMenuWithNothingDone(string who, string path)
    {
        var shop = Bot.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-1", 100m, AccountId: shop.Id));
        var agency = Bot.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency));
        var bakery = Bot.Billing.Accounts.Create(new NewAccount("Bakery", "RUB", 0m, AgencyId: agency.Id));
        Bot.Billing.Invoices.Record(new IncomingPayment("bank-2", 1_000m, AccountId: agency.Id));
        var screen = await Bot.LinkAsync(Owner, who == "shop" ? shop.Id : agency.Id);

        foreach (var step in path.Split('|'))
        {
            screen = step.StartsWith('>') ? await Bot.SayAsync(Owner, step[1..]) : await Bot.PressAsync(screen, step);
        }

        var after = await Bot.SayAsync(Owner, "/cancel");

        Assert.StartsWith("Cancelled.", after.PlainText, StringComparison.Ordinal);
        Assert.Contains(after.Buttons, b => b.Text == "Balance");
        Assert.Equal((100m, 1_000m, 0m), (Bot.Billing.Accounts.Get(shop.Id).Balance, Bot.Billing.Accounts.Get(agency.Id).Balance, Bot.Billing.Accounts.Get(bakery.Id).Balance));
        Assert.DoesNotContain(Bot.Billing.Invoices.List(shop.Id), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Null(Bot.Billing.Agency.Rule(bakery.Id));
    }
}
