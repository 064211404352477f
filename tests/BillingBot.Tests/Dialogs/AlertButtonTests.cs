using BillingBot.Billing.Invoices;
using BillingBot.Notifications;
using Microsoft.Extensions.Options;

namespace BillingBot.Tests.Dialogs;

public sealed class AlertButtonTests
{
    [Fact]
    public async Task TopUp_UnderAnAlertAboutAnotherAccount_InvoiceIsForTheAlertedOne()
    {
        using var f = new ChatFixture();
        var a = f.CreateAccount("Shop A", tariff: 10m);
        var b = f.CreateAccount("Shop B", tariff: 10m);
        await f.Link(a.Id);
        await f.Link(b.Id);
        var notifier = new Notifier(f.Billing, ChatFixture.Texts, f.Time, Options.Create(new NotificationOptions()));
        f.Billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: a.Id));
        notifier.Dispatch();
        var alert = f.Store.Read(() => notifier.Messages.FindAll().Single());

        await f.Press(alert.Buttons.Single().Data!);
        await f.Send("100");
        await f.Press("ok");

        Assert.Equal((1, 0), (f.Billing.Invoices.List(a.Id).Count, f.Billing.Invoices.List(b.Id).Count));
    }
}
