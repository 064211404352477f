using BillingBot.Billing.Invoices;
using BillingBot.Chat;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>Leaving flows: /cancel, the Cancel button, the idle timeout; and a flow that survives a restart.</summary>
public sealed class FlowControlTests : IDisposable
{
    private readonly ChatFixture _chat = new();
    private readonly int _shop;

    public FlowControlTests()
    {
        _shop = _chat.CreateAccount().Id;
        _chat.ChargeLastDays(_shop, 3.33m, 3.33m, 5.58m);
        _chat.PayInvoice(_shop, 100m);
    }

    public void Dispose() => _chat.Dispose();

    public static TheoryData<string> Flows => ["topUpAmount", "topUpConfirm", "promiseAmount", "promiseConfirm"];

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Cancel_InAFlowStep_ReturnsToTheMenuWithTheCancelledNote(string step)
    {
        await _chat.Link(_shop);
        await GoTo(step);

        var screen = await _chat.Send("/cancel");

        Assert.Equal("Cancelled.\n\n<b>Flower shop</b>\nBalance: $87.76", screen.Text);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
        await AssertNothingLeftToConfirm();
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task BalanceAndTopUpCommands_FromAFlowStep_OpenTheirScreens_AndTheFlowIsLeft(string step)
    {
        await _chat.Link(_shop);
        await GoTo(step);

        var balance = await _chat.Send("/balance");
        Assert.Equal(DialogState.Balance, _chat.Session().State);
        Assert.Contains("Balance: <b>$87.76</b>", balance.Text, StringComparison.Ordinal);
        // The flow left behind is over: its Confirm is stale, and nothing was asked for.
        Assert.StartsWith(ChatFixture.Text("chat.stale"), (await _chat.Press("ok")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Empty(_chat.Billing.Promises.Offer(_shop).Unsettled);

        await _chat.Send("/menu");
        await GoTo(step);
        var topUp = await _chat.Send("/topup");
        Assert.Equal(DialogState.TopUpAmount, _chat.Session().State);
        Assert.Contains(topUp.Buttons.SelectMany(row => row), b => b.Text.StartsWith("10 days", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_SaysWhatTheBotDoesAndItsCommands_WhereverTheChatIs()
    {
        await _chat.Link(_shop);
        await GoTo("topUpConfirm");

        var help = await _chat.Send("/help");

        Assert.StartsWith("I keep your prepaid service account", help.Text, StringComparison.Ordinal);
        foreach (var command in new[] { "/menu", "/balance", "/topup", "/cancel", "/help" })
        {
            Assert.Contains(command, help.Text, StringComparison.Ordinal);
        }

        Assert.Equal(DialogState.TopUpConfirm, _chat.Session().State);
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task CancelButton_InAFlowStep_ReturnsToTheMenu(string step)
    {
        await _chat.Link(_shop);
        await GoTo(step);
        Assert.Equal(ChatFixture.Text("chat.button.cancel"), _chat.ButtonWith("m").Text);

        var screen = await _chat.Press("m");

        Assert.EndsWith("<b>Flower shop</b>\nBalance: $87.76", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
        await AssertNothingLeftToConfirm();
    }

    [Fact]
    public async Task Cancel_OutsideAFlow_ShowsTheMenuWithoutANote()
    {
        await _chat.Link(_shop);

        var screen = await _chat.Send("/cancel");

        Assert.Equal("<b>Flower shop</b>\nBalance: $87.76", screen.Text);
    }

    [Fact]
    public async Task Confirm_AfterRestartWithANewStoreOnTheSameFile_IssuesTheInvoiceForTheChosenAmount()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");
        await _chat.Send("100");

        _chat.Restart();
        Assert.Equal((DialogState.TopUpConfirm, 100m), (_chat.Session().State, (_chat.Session().Flow as TopUpFlow)?.Amount));
        var screen = await _chat.Press("ok");

        var invoice = Assert.Single(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Equal(100m, invoice.Amount);
        Assert.StartsWith($"Invoice {invoice.Number} is ready", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amount_AfterRestartInTheAmountStep_IsStillAsked()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");

        _chat.Restart();
        var confirm = await _chat.Send("1 000");

        Assert.Equal("Top up <b>Flower shop</b> by <b>$1,000.00</b>?", confirm.Text);
    }

    [Fact]
    public async Task TypedAmount_AfterTheIdleTimeout_LandsOnTheMenuWithTheTimedOutNote()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");
        _chat.Time.Advance(_chat.Options.IdleTimeout + TimeSpan.FromSeconds(1));

        var screen = await _chat.Send("100");

        Assert.Equal("That flow waited too long and was closed.\n\n<b>Flower shop</b>\nBalance: $87.76", screen.Text);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
    }

    [Fact]
    public async Task CancelButton_AfterTheIdleTimeout_LandsOnTheMenuWithTheTimedOutNote()
    {
        await _chat.Link(_shop);
        await _chat.Press("prom");
        await _chat.Press("take");
        _chat.Time.Advance(_chat.Options.IdleTimeout + TimeSpan.FromSeconds(1));

        var screen = await _chat.Press("m");

        Assert.Equal("That flow waited too long and was closed.\n\n<b>Flower shop</b>\nBalance: $87.76", screen.Text);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
    }

    [Fact]
    public async Task Confirm_AfterTheIdleTimeout_LandsOnTheMenuAndIssuesNothing()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");
        await _chat.Send("100");
        _chat.Time.Advance(TimeSpan.FromMinutes(16));

        var screen = await _chat.Press("ok");

        Assert.EndsWith("<b>Flower shop</b>\nBalance: $87.76", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
        Assert.DoesNotContain(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
    }

    [Fact]
    public async Task Confirm_WithinTheIdleTimeout_IssuesTheInvoice()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");
        await _chat.Send("100");
        _chat.Time.Advance(TimeSpan.FromMinutes(14));

        await _chat.Press("ok");

        Assert.Single(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
    }

    [Fact]
    public async Task Confirm_SameUpdateHandledTwice_ActsAndAnswersOnce()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");
        await _chat.Send("100");
        var updateId = _chat.NextUpdateId();
        await _chat.Press("ok", updateId: updateId);
        var shown = _chat.Output.Shown.Count;

        await _chat.Press("ok", updateId: updateId);

        Assert.Single(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Equal(shown, _chat.Output.Shown.Count);
        Assert.Equal(DialogState.Invoices, _chat.Session().State);
    }

    [Fact]
    public async Task Confirm_SameUpdateAfterARestart_IsNotAppliedAgain()
    {
        await _chat.Link(_shop);
        await _chat.Press("top");
        await _chat.Send("100");
        var updateId = _chat.NextUpdateId();
        await _chat.Press("ok", updateId: updateId);
        var shown = _chat.Output.Shown.Count;

        _chat.Restart();
        await _chat.Press("ok", updateId: updateId);

        Assert.Single(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Equal(shown, _chat.Output.Shown.Count);
    }

    [Fact]
    public async Task TypedText_SameUpdateHandledTwice_ShowsOneScreen()
    {
        await _chat.Link(_shop);
        var shown = _chat.Output.Shown.Count;
        var updateId = _chat.NextUpdateId();

        await _chat.Send("/menu", updateId: updateId);
        await _chat.Send("/menu", updateId: updateId);

        Assert.Equal(shown + 1, _chat.Output.Shown.Count);
    }

    [Fact]
    public async Task TypedText_AnEarlierUpdateDeliveredAgainAfterLaterOnes_ShowsNothing()
    {
        await _chat.Link(_shop);
        var earlier = _chat.NextUpdateId();
        await _chat.Send("/menu", updateId: earlier);
        await _chat.Send("/menu");
        var shown = _chat.Output.Shown.Count;

        await _chat.Send("/menu", updateId: earlier);

        Assert.Equal(shown, _chat.Output.Shown.Count);
    }

    [Fact]
    public async Task TypedText_UpdateOlderThanEveryOneTheChatKeeps_IsTakenAsDeliveredAgain()
    {
        await _chat.Link(_shop);
        var oldest = _chat.NextUpdateId();
        await _chat.Send("/menu", updateId: oldest);
        for (var i = 0; i < ChatSession.RecentUpdatesKept; i++)
        {
            await _chat.Send("/menu");
        }

        var shown = _chat.Output.Shown.Count;

        await _chat.Send("/menu", updateId: oldest);

        Assert.DoesNotContain(oldest, _chat.Session().RecentUpdates);
        Assert.Equal(shown, _chat.Output.Shown.Count);
    }

    [Fact]
    public async Task TypedText_LowerIdAfterAWeekWithoutUpdates_IsHandled()
    {
        // After a week without updates Telegram numbers the next one at random: a lower id is then a new update.
        await _chat.Link(_shop);
        for (var i = 0; i < ChatSession.RecentUpdatesKept; i++)
        {
            await _chat.Send("/menu", updateId: 1_000_000 + i);
        }

        _chat.Time.Advance(TimeSpan.FromDays(8));
        var shown = _chat.Output.Shown.Count;

        await _chat.Send("/menu", updateId: 42);
        await _chat.Send("/menu", updateId: 43);
        await _chat.Send("/menu", updateId: 42);

        Assert.Equal(shown + 2, _chat.Output.Shown.Count);
        Assert.Equal([42, 43], _chat.Session().RecentUpdates);
    }

    [Fact]
    public async Task TypedText_UpdateArrivingAfterALaterOne_IsHandled()
    {
        // Webhook requests may overlap: a later update can be handled before an earlier one arrives.
        await _chat.Link(_shop);
        var skipped = _chat.NextUpdateId();
        await _chat.Send("/menu");
        var shown = _chat.Output.Shown.Count;

        await _chat.Send("/menu", updateId: skipped);

        Assert.Equal(shown + 1, _chat.Output.Shown.Count);
        Assert.Contains(skipped, _chat.Session().RecentUpdates);
    }

    [Fact]
    public async Task TypedText_RecordedAsHandledAfterItsHandlingFailed_ShowsNothing()
    {
        await _chat.Link(_shop);
        var failed = _chat.NextUpdateId();
        _chat.Engine.MarkHandled(failed, ChatFixture.Owner);
        var shown = _chat.Output.Shown.Count;

        await _chat.Send("/menu", updateId: failed);

        Assert.Equal(shown, _chat.Output.Shown.Count);
    }

    [Fact]
    public async Task TypedText_FailedInAChatWithoutASession_RecordedAndShowsNothing()
    {
        var failed = _chat.NextUpdateId();
        _chat.Engine.MarkHandled(failed, ChatFixture.Owner);

        await _chat.Engine.HandleAsync(new Incoming(failed, ChatFixture.Owner, ChatFixture.Owner, "en", Text: "/menu"), _chat.Output, CancellationToken.None);

        Assert.Empty(_chat.Output.Shown);
    }

    [Fact]
    public async Task TypedText_UpdateRecordedByAnEarlierRelease_ShowsNothing()
    {
        // Before chats kept their updates, each handled one was a record of its own.
        var updateId = _chat.NextUpdateId();
        _chat.Store.Write(() => _chat.Store.Collection<HandledUpdate>("updates").Upsert(new HandledUpdate(updateId, ChatFixture.Start)));

        await _chat.Engine.HandleAsync(new Incoming(updateId, ChatFixture.Owner, ChatFixture.Owner, "en", Text: "/menu"), _chat.Output, CancellationToken.None);

        Assert.Empty(_chat.Output.Shown);
    }

    private async Task GoTo(string step)
    {
        switch (step)
        {
            case "topUpAmount":
                await _chat.Press("top");
                Assert.Equal(DialogState.TopUpAmount, _chat.Session().State);
                break;
            case "topUpConfirm":
                await _chat.Press("top");
                await _chat.Send("100");
                Assert.Equal(DialogState.TopUpConfirm, _chat.Session().State);
                break;
            case "promiseAmount":
                await _chat.Press("prom");
                await _chat.Press("take");
                Assert.Equal(DialogState.PromiseAmount, _chat.Session().State);
                break;
            case "promiseConfirm":
                await _chat.Press("prom");
                await _chat.Press("take");
                await _chat.Send("50");
                Assert.Equal(DialogState.PromiseConfirm, _chat.Session().State);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "No such flow step.");
        }
    }

    /// <summary>After leaving a flow, its Confirm button is stale: no invoice, no promise, the balance as it was.</summary>
    private async Task AssertNothingLeftToConfirm()
    {
        var screen = await _chat.Press("ok");
        Assert.StartsWith(ChatFixture.Text("chat.stale"), screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_chat.Billing.Invoices.List(_shop), i => i.Status == InvoiceStatus.Unpaid);
        Assert.Empty(_chat.Billing.Promises.Offer(_shop).Unsettled);
        Assert.Equal(87.76m, _chat.Billing.Accounts.Get(_shop).Balance);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
    }
}
