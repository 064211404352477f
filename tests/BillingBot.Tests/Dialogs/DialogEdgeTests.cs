using BillingBot.Billing.Accounts;
using BillingBot.Billing.Members;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

public sealed class DialogEdgeTests : IDisposable
{
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    [Fact]
    public async Task StartCode_OwnerOpensTheManagerLinkTheyJustMade_StaysOwner()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("invite");
        var code = _chat.Invite(shop.Id, Role.Manager); // the code the Invite screen just showed

        await _chat.Send("/start " + code);

        Assert.Equal(Role.Owner, Assert.Single(_chat.Billing.Members.AccountsOf(ChatFixture.Owner)).Role);
        Assert.Contains("invite", _chat.ButtonsData());
    }

    [Fact]
    public async Task Invoices_AccountInVladivostok_DatedByTheAccountsDayLikeItsPdf()
    {
        var shop = _chat.Billing.Accounts.Create(new NewAccount("Flower shop", "USD", 3.33m, TimeZone: "Asia/Vladivostok"));
        await _chat.Link(shop.Id);
        // 29 Sep 20:00 UTC is 30 Sep 06:00 in Vladivostok, the account's billing day.
        _chat.Time.Advance(TimeSpan.FromHours(10));
        Assert.Equal(new DateOnly(2022, 9, 30), _chat.Billing.Accounts.Summary(shop.Id).Today);
        await _chat.Press("top");
        await _chat.Send("100");

        var invoices = await _chat.Press("ok");

        var number = Assert.Single(_chat.Billing.Invoices.List(shop.Id)).Number;
        Assert.Equal($"{number} — $100.00, 30 September", invoices.Text.Split('\n')[3]);
    }

    [Fact]
    public async Task RulePeriod_ForgedPeriodNumber_IsStaleNotAnUnhandledException()
    {
        var client = await AtRuleLimitStep();
        await _chat.Send("2000");

        await _chat.Press("per:5");
        await _chat.Press("ok");

        Assert.Null(_chat.Billing.Agency.Rule(client));
    }

    [Fact]
    public async Task Balance_MoneyLeftForLessThanADay_DoesNotSayItHasRunOut()
    {
        var shop = _chat.CreateAccount(tariff: 3.33m);
        _chat.Pay(shop.Id, 2m);
        await _chat.Link(shop.Id);

        var screen = await _chat.Press("bal");

        Assert.Contains("Balance: <b>$2.00</b>", screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ChatFixture.Text("chat.balance.runOut"), screen.Text, StringComparison.Ordinal);
        Assert.Contains(ChatFixture.Text("chat.balance.lessThanADay"), screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_PressedAfterTheFlowTimedOut_OneMessageNotTwo()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("top");
        await _chat.Send("100");
        _chat.Time.Advance(TimeSpan.FromMinutes(20));

        var screen = await _chat.Press("ok");

        // The timed-out flow and its stale button are one thing to the person: one message says it.
        Assert.StartsWith(ChatFixture.Text("chat.timedOut") + "\n\n", screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(ChatFixture.Text("chat.stale"), screen.Text, StringComparison.Ordinal);
        Assert.Empty(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task StartCode_WrongCodeAfterTheIdleTimeout_StillSaysTheCodeIsWrong()
    {
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("bal");
        _chat.Time.Advance(TimeSpan.FromMinutes(20));

        var screen = await _chat.Send("/start WRONGCODE2345");

        Assert.StartsWith(ChatFixture.Text("chat.timedOut") + "\n" + ChatFixture.Text("error.InvalidInvitation"), screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RulePeriod_Step_HasACancelButton()
    {
        var client = await AtRuleLimitStep();

        await _chat.Send("2000");

        Assert.Equal(DialogState.RulePeriod, _chat.Session().State);
        Assert.Contains(_chat.ButtonsData(), d => d == $"cl:{client}" || d == "m");
    }

    [Fact]
    public async Task Clients_AgencyWithManyClients_PagesWithinTelegramsLimitsAndEveryClientReachable()
    {
        var agency = _chat.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency)).Id;
        for (var i = 1; i <= 120; i++)
        {
            _chat.Billing.Accounts.Create(new NewAccount($"Client {i}", "RUB", 150m, AgencyId: agency));
        }

        await _chat.Link(agency);

        var screen = await _chat.Press("cl");
        var seen = new List<string>();
        for (var page = 1; page <= 10; page++)
        {
            Assert.InRange(screen.Buttons.Sum(row => row.Count), 1, 100);
            Assert.True(screen.Text.Length < 4_096);
            seen.AddRange(_chat.ButtonsData().Where(d => d.StartsWith("cl:", StringComparison.Ordinal)));
            if (!_chat.ButtonsData().Contains("more"))
            {
                break;
            }

            screen = await _chat.Press("more");
        }

        Assert.Equal(120, seen.Distinct().Count());
        Assert.Contains("cl", _chat.ButtonsData()); // back to the first page
    }

    [Fact]
    public async Task TopUp_SmallTariff_OneTapAmountsAreOnesTheInvoiceRulesAccept()
    {
        var shop = _chat.CreateAccount(tariff: 0.05m);
        await _chat.Link(shop.Id);
        await _chat.Press("top");

        var offered = _chat.ButtonsData().Where(d => d.StartsWith("amt:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["amt:1.50"], offered); // 30 days of 0.05; 10 days (0.50) is below the smallest invoice
        await _chat.Press(offered[0]);
        await _chat.Press("ok");

        Assert.Single(_chat.Billing.Invoices.List(shop.Id));
    }

    [Fact]
    public async Task Invoices_ManyUnpaid_NewestTenWithTheirButtonsAndTheRestCounted()
    {
        var shop = _chat.CreateAccount();
        for (var i = 1; i <= 40; i++)
        {
            _chat.Billing.Invoices.Issue(shop.Id, 10m + i, $"k{i}");
            _chat.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await _chat.Link(shop.Id);
        var screen = await _chat.Press("inv");

        Assert.InRange(screen.Buttons.Sum(row => row.Count), 1, 100);
        Assert.Equal(10, _chat.ButtonsData().Count(d => d.StartsWith("cx:", StringComparison.Ordinal)));
        Assert.Contains("$50.00", screen.Text, StringComparison.Ordinal); // the newest
        Assert.DoesNotContain("$11.00", screen.Text, StringComparison.Ordinal);
        Assert.Contains("…and 30 older unpaid ones.", screen.Text, StringComparison.Ordinal);
    }

    /// <summary>An agency's owner setting a rule for its client, amount and threshold typed: the limit is asked next.</summary>
    private async Task<int> AtRuleLimitStep()
    {
        var agency = _chat.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency)).Id;
        var client = _chat.Billing.Accounts.Create(new NewAccount("Bakery", "RUB", 150m, AgencyId: agency)).Id;
        await _chat.Link(agency);
        await _chat.Press("cl");
        await _chat.Press($"cl:{client}");
        await _chat.Press("rule");
        await _chat.Send("500");
        await _chat.Send("0");
        return client;
    }
}
