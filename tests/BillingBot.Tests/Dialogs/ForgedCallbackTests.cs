using BillingBot.Billing.Invoices;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>A button the user could not have pressed: another account's data, or one from a screen long gone.</summary>
public sealed class ForgedCallbackTests : IDisposable
{
    private const long Stranger = 3003;

    private readonly ChatFixture _chat = new();
    private readonly int _shop;
    private readonly int _bakery;

    public ForgedCallbackTests()
    {
        _shop = _chat.CreateAccount().Id;
        _bakery = _chat.CreateAccount("Bakery").Id;
        _chat.Join(_bakery, user: Stranger);
    }

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task CancelInvoice_AnotherAccountsInvoice_IsForbiddenAndTheInvoiceStaysUnpaid()
    {
        var theirs = _chat.Billing.Invoices.Issue(_bakery, 50m, "bakery-invoice");
        await _chat.Link(_shop);
        await _chat.Press("inv");

        var screen = await _chat.Press($"cx:{theirs.Number}");

        Assert.StartsWith(ChatFixture.Text("chat.forbidden") + "\n\n", screen.Text, StringComparison.Ordinal);
        var invoice = _chat.Billing.Invoices.Get(theirs.Number);
        Assert.Equal((InvoiceStatus.Unpaid, (DateTimeOffset?)null), (invoice.Status, invoice.CancelledAt));
        Assert.DoesNotContain(theirs.Number, screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelInvoice_UnknownNumber_SaysSoAndChangesNothing()
    {
        await _chat.Link(_shop);
        await _chat.Press("inv");

        var screen = await _chat.Press("cx:00000-00000");

        Assert.StartsWith("There is no invoice 00000-00000.", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Invoices, _chat.Session().State);
    }

    [Fact]
    public async Task Pick_AccountTheUserIsNotAMemberOf_IsForbidden()
    {
        var third = _chat.CreateAccount("Bookshop").Id;
        _chat.Join(_shop);
        _chat.Join(third);
        await _chat.Send("/start");
        await _chat.Press($"acc:{_shop}");
        await _chat.Press("acc");

        var screen = await _chat.Press($"acc:{_bakery}");

        Assert.StartsWith(ChatFixture.Text("chat.forbidden") + "\n\n", screen.Text, StringComparison.Ordinal);
        Assert.Equal(_shop, _chat.Session().AccountId);
        Assert.DoesNotContain("Bakery", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pick_BeforeChoosingAnAccountNotAMemberOf_IsForbiddenAndNothingIsChosen()
    {
        var third = _chat.CreateAccount("Bookshop").Id;
        _chat.Join(_shop);
        _chat.Join(third);
        await _chat.Send("/start");

        var screen = await _chat.Press($"acc:{_bakery}");

        Assert.Equal(ChatFixture.Text("chat.forbidden") + "\n\n" + ChatFixture.Text("chat.chooseAccount"), screen.Text);
        Assert.Null(_chat.Session().AccountId);
    }

    [Fact]
    public async Task Pick_OneAccountUserForgesAnother_IsRefusedAndStaysOnTheirAccount()
    {
        await _chat.Link(_shop);

        var screen = await _chat.Press($"acc:{_bakery}");

        // The menu shows no such button, so "stale" is as right a refusal as "forbidden".
        Assert.Contains(screen.Text.Split("\n\n")[0], new[] { ChatFixture.Text("chat.stale"), ChatFixture.Text("chat.forbidden") });
        Assert.Equal(_shop, _chat.Session().AccountId);
        Assert.DoesNotContain("Bakery", screen.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("more")]
    [InlineData("amt:100")]
    [InlineData("take")]
    [InlineData("repay:1")]
    [InlineData("cx:00000-00000")]
    [InlineData("lang:ru")]
    [InlineData("nonsense")]
    public async Task Press_ButtonNotOnTheCurrentScreen_IsStaleAndNothingHappens(string data)
    {
        await _chat.Link(_shop);

        var screen = await _chat.Press(data);

        Assert.Equal(ChatFixture.Text("chat.stale") + "\n\n<b>Flower shop</b>\nBalance: $0.00", screen.Text);
        Assert.Null(_chat.LastAnswerNote);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
        Assert.Empty(_chat.Billing.Invoices.List(_shop));
        Assert.Equal("en", _chat.Session().Language);
    }

    [Fact]
    public async Task Confirm_OnAnOldTopUpMessageWhileConfirmingAPromise_IsStaleAndTakesNothing()
    {
        _chat.ChargeLastDays(_shop, 5.58m);
        _chat.PayInvoice(_shop, 100m);
        await _chat.Link(_shop);
        await _chat.Press("top");
        await _chat.Send("100");
        var topUpConfirm = _chat.LastShown();
        Assert.Equal("Top up <b>Flower shop</b> by <b>$100.00</b>?", topUpConfirm.Screen.Text);
        await _chat.Send("/cancel");
        await _chat.Press("prom");
        await _chat.Press("take");
        await _chat.Send("50");
        Assert.NotEqual(topUpConfirm.MessageId, _chat.LastShown().MessageId);

        var screen = await _chat.Press("ok", messageId: topUpConfirm.MessageId);

        Assert.StartsWith(ChatFixture.Text("chat.stale"), screen.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.DoesNotContain(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
    }

    [Fact]
    public async Task More_OutsideHistory_IsStale()
    {
        await _chat.Link(_shop);
        await _chat.Press("bal");

        var screen = await _chat.Press("more");

        Assert.StartsWith(ChatFixture.Text("chat.stale"), screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Balance, _chat.Session().State);
    }

    [Fact]
    public async Task Press_NotLinked_ShowsNotLinkedAndAnswers()
    {
        var screen = await _chat.Press("top");

        Assert.Equal(ChatFixture.Text("chat.notLinked"), screen.Text);
        Assert.Empty(_chat.Billing.Invoices.List(_shop));
    }

    [Fact]
    public async Task Press_EveryButtonOfAConversation_AnsweredExactlyOnce()
    {
        await _chat.Link(_shop);
        string[] presses = ["bal", "top", "amt:33.30", "ok", "inv", "hist", "more", "m", "prom", "set", "lang:en", "m", "ok"];

        foreach (var data in presses)
        {
            await _chat.Press(data);
        }

        var callbacks = _chat.Output.Answers.Select(a => a.CallbackId).ToList();
        Assert.Equal(presses.Length, callbacks.Count);
        Assert.Equal(callbacks.Count, callbacks.Distinct().Count());
    }
}
