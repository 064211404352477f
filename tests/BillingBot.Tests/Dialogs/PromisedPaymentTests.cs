using BillingBot.Billing.Members;
using BillingBot.Billing.PromisedPayments;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>PRODUCT example 4 in the chat: at most 30 days of the largest daily charge (5.58 → 167.40), due in 7 days.</summary>
public sealed class PromisedPaymentTests : IDisposable
{
    private const long Manager = 2002;

    private readonly ChatFixture _chat = new();
    private readonly int _shop;

    public PromisedPaymentTests()
    {
        _shop = _chat.CreateAccount().Id;
        _chat.ChargeLastDays(_shop, 3.33m, 3.33m, 5.58m);
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task Promise_NeverPaid_ExplainsWhyItIsNotAvailable()
    {
        await _chat.Link(_shop);

        var screen = await _chat.Press("prom");

        Assert.Equal("A promised payment is available after the first paid top-up.", screen.Text);
        Assert.Equal(["m"], _chat.ButtonsData());
    }

    [Fact]
    public async Task Promise_AfterAPaidInvoice_OffersUpToTheLimit()
    {
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop);

        var screen = await _chat.Press("prom");

        Assert.Equal("You can take a promised payment of up to $167.40. It is credited at once and due in 7 days.", screen.Text);
        Assert.Equal(["take", "m"], _chat.ButtonsData());
    }

    [Fact]
    public async Task Take_TypedAmountConfirmed_CreditsTheBalanceAndListsItWithRepay()
    {
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop);
        await _chat.Press("prom");

        var amount = await _chat.Press("take");
        Assert.Equal("How much? Up to $167.40: tap the button or type an amount.", amount.Text);
        Assert.Equal("$167.40", _chat.ButtonWith("amt:167.40").Text);
        var confirm = await _chat.Send("50");
        Assert.Equal("Take a promised payment of <b>$50.00</b>, due in 7 days?", confirm.Text);
        var screen = await _chat.Press("ok");

        var promise = Assert.Single(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.Equal((50m, PromiseStatus.Open, new DateOnly(2022, 10, 6)), (promise.Amount, promise.Status, promise.DueOn));
        Assert.Equal(137.76m, _chat.Billing.Accounts.Get(_shop).Balance);
        Assert.Equal(
            "Done: the money is on the balance. Repay it by 6 October.\n\n"
            + "A promised payment is already open: repay it before taking another.\n"
            + "Owed: $50.00, due 6 October (open)",
            screen.Text);
        Assert.Equal([$"repay:{promise.Id}", "m"], _chat.ButtonsData());
        Assert.Equal("Repay $50.00", _chat.ButtonWith($"repay:{promise.Id}").Text);
        Assert.Equal(DialogState.Promise, _chat.Session().State);
    }

    [Fact]
    public async Task Repay_OpenPromise_RepaysFromTheBalance()
    {
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop);
        await _chat.Press("prom");
        await _chat.Press("take");
        await _chat.Press("amt:167.40");
        await _chat.Press("ok");
        var id = Assert.Single(_chat.Billing.Promises.Offer(_shop).Unsettled).Id;
        Assert.Equal(255.16m, _chat.Billing.Accounts.Get(_shop).Balance);

        var screen = await _chat.Press($"repay:{id}");

        Assert.Empty(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.Equal(87.76m, _chat.Billing.Accounts.Get(_shop).Balance);
        Assert.Equal("The promised payment is repaid.\n\nYou can take a promised payment of up to $167.40. It is credited at once and due in 7 days.", screen.Text);
        Assert.Equal(["take", "m"], _chat.ButtonsData());
    }

    [Fact]
    public async Task Take_AboveTheLimit_RefusedAsTypedAndNothingCredited()
    {
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop);
        await _chat.Press("prom");
        await _chat.Press("take");

        var screen = await _chat.Send("200");

        Assert.StartsWith("A promised payment can be at most ", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.PromiseAmount, _chat.Session().State);
        Assert.Empty(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.Equal(87.76m, _chat.Billing.Accounts.Get(_shop).Balance);
    }

    [Fact]
    public async Task Take_Manager_GetsMoneyRightOnlyAndNothingChanges()
    {
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop, Role.Manager, user: Manager);
        await _chat.Press("prom", user: Manager);

        var screen = await _chat.Press("take", user: Manager);

        Assert.StartsWith(ChatFixture.Text("chat.moneyRightOnly") + "\n\n", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Promise, _chat.Session(Manager).State);
        Assert.Empty(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.Equal(87.76m, _chat.Billing.Accounts.Get(_shop).Balance);
    }

    [Fact]
    public async Task Repay_Manager_GetsMoneyRightOnlyAndThePromiseStaysOpen()
    {
        _chat.PayInvoice(_shop, 100m);
        var promise = _chat.Billing.Promises.Take(_shop, 50m, "owner-took");
        await _chat.Link(_shop, Role.Manager, user: Manager);
        await _chat.Press("prom", user: Manager);

        var screen = await _chat.Press($"repay:{promise.Id}", user: Manager);

        Assert.StartsWith(ChatFixture.Text("chat.moneyRightOnly"), screen.Text, StringComparison.Ordinal);
        Assert.Equal(PromiseStatus.Open, Assert.Single(_chat.Billing.Promises.Offer(_shop).Unsettled).Status);
        Assert.Equal(137.76m, _chat.Billing.Accounts.Get(_shop).Balance);
    }

    [Fact]
    public async Task Take_ManagerGrantedTheMoneyRight_TakesAPromiseUntilTheRightIsRevoked()
    {
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop, Role.Manager, user: Manager);
        _chat.Billing.Members.SetMoneyRight(_shop, Manager, granted: true);
        await _chat.Press("prom", user: Manager);
        Assert.Contains("take", _chat.ButtonsData(Manager));

        await _chat.Press("take", user: Manager);
        await _chat.Send("50", user: Manager);
        await _chat.Press("ok", user: Manager);

        var promise = Assert.Single(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.Equal(50m, promise.Amount);
        Assert.Equal(137.76m, _chat.Billing.Accounts.Get(_shop).Balance);

        // Revoked while the manager's Repay button is on the screen: the next press is refused and the promise stays open.
        _chat.Billing.Members.SetMoneyRight(_shop, Manager, granted: false);
        var refused = await _chat.Press($"repay:{promise.Id}", user: Manager);

        Assert.StartsWith(ChatFixture.Text("chat.moneyRightOnly"), refused.Text, StringComparison.Ordinal);
        Assert.Equal(PromiseStatus.Open, Assert.Single(_chat.Billing.Promises.Offer(_shop).Unsettled).Status);
        Assert.DoesNotContain(_chat.ButtonsData(Manager), d => d.StartsWith("repay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repay_ForgedPromiseOfAnotherAccount_IsForbidden()
    {
        var other = _chat.CreateAccount("Bakery").Id;
        _chat.PayInvoice(other, 100m);
        _chat.ChargeLastDays(other, 5m);
        var theirs = _chat.Billing.Promises.Take(other, 50m, "their-promise");
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop);
        await _chat.Press("prom");

        var screen = await _chat.Press($"repay:{theirs.Id}");

        Assert.StartsWith(ChatFixture.Text("chat.forbidden"), screen.Text, StringComparison.Ordinal);
        Assert.Equal(PromiseStatus.Open, Assert.Single(_chat.Billing.Promises.Offer(other).Unsettled).Status);
        Assert.Equal(87.76m, _chat.Billing.Accounts.Get(_shop).Balance);
    }
}
