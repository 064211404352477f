using BillingBot.Billing.Accounts;
using BillingBot.Billing.Members;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

/// <summary>The agency's and the settings' flows: /cancel leaves each step, and typed settings are checked.</summary>
public sealed class AgencyAndSettingsFlowTests : IDisposable
{
    private readonly ChatFixture _chat = new();
    private readonly int _agency;
    private readonly int _client;

    public AgencyAndSettingsFlowTests()
    {
        _agency = _chat.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency)).Id;
        _client = _chat.Billing.Accounts.Create(new NewAccount("Bakery", "RUB", 150m, AgencyId: _agency)).Id;
        _chat.Pay(_agency, 1_000m);
    }

    public void Dispose() => _chat.Dispose();

    /// <summary>Each step of a flow, as the presses and texts that reach it from the menu.</summary>
    public static TheoryData<string, DialogState> Steps => new()
    {
        { "cl cl:* tr", DialogState.TransferAmount },
        { "cl cl:* tr |100", DialogState.TransferConfirm },
        { "cl cl:* rt", DialogState.ReturnAmount },
        { "cl cl:* tr |100 ok rt |1", DialogState.ReturnConfirm },
        { "cl cl:* rule", DialogState.RuleAmount },
        { "cl cl:* rule |500", DialogState.RuleThreshold },
        { "cl cl:* rule |500 |0", DialogState.RuleLimit },
        { "cl cl:* rule |500 |0 |2000", DialogState.RulePeriod },
        { "cl cl:* rule |500 |0 |2000 per:Day", DialogState.RuleConfirm },
        { "set dt", DialogState.DigestTime },
        { "set tz", DialogState.TimeZone },
        { "set thr", DialogState.LowBalanceDays },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task Cancel_InEveryAgencyAndSettingsStep_BackToTheMenuAndNothingMoved(string path, DialogState step)
    {
        await _chat.Link(_agency);
        await Walk(path);
        Assert.Equal(step, _chat.Session().State);
        var balances = (_chat.Billing.Accounts.Get(_agency).Balance, _chat.Billing.Accounts.Get(_client).Balance);

        var screen = await _chat.Send("/cancel");

        Assert.StartsWith("Cancelled.", screen.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Menu, _chat.Session().State);
        // Money moves only on a confirmation: a return needs a transfer first (a client's empty balance is refused as typed).
        Assert.Equal(balances, (_chat.Billing.Accounts.Get(_agency).Balance, _chat.Billing.Accounts.Get(_client).Balance));
        Assert.Equal(path.Contains(" ok ", StringComparison.Ordinal) ? (900m, 100m) : (1_000m, 0m), balances);
        Assert.Null(_chat.Billing.Agency.Rule(_client));
    }

    [Fact]
    public async Task Settings_TypedTimeZoneAndDigestTime_CheckedAndSaved()
    {
        await _chat.Link(_agency);
        await Walk("set tz");

        var wrong = await _chat.Send("Mars/Olympus");
        Assert.StartsWith("That is not a time zone I know.", wrong.Text, StringComparison.Ordinal);
        await _chat.Send("Europe/Moscow");
        await Walk("dt");
        await _chat.Send("25:00");
        var saved = await _chat.Send("8:30");

        Assert.StartsWith("Saved.", saved.Text, StringComparison.Ordinal);
        Assert.Equal(("Europe/Moscow", "08:30"), (_chat.Session().TimeZone, _chat.Session().DigestTime));
        Assert.Contains("Time zone: Europe/Moscow", saved.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData("Moscow", "Europe/Moscow")]
    [InlineData("новосибирск", "Asia/Novosibirsk")]
    [InlineData("UTC+3", "Etc/GMT-3")]
    public async Task Settings_TimeZoneAsAPersonTypesIt_SavedAsItsIanaId(string typed, string saved)
    {
        await _chat.Link(_agency);
        await Walk("set tz");

        var screen = await _chat.Send(typed);

        Assert.StartsWith("Saved.", screen.Text, StringComparison.Ordinal);
        Assert.Equal(saved, _chat.Session().TimeZone);
        Assert.Contains($"Time zone: {saved}", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_LowBalanceDays_SetOnTheAccount()
    {
        await _chat.Link(_agency);
        await Walk("set thr");

        await _chat.Send("5");

        Assert.Equal(5, _chat.Billing.Accounts.Get(_agency).LowBalanceDays);
        Assert.Contains("Low-balance alert: when the money lasts fewer than 5 days", _chat.LastScreen().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_LowBalanceDaysZero_IsShownAsOff_NotAsLessThanZeroDays()
    {
        await _chat.Link(_agency);
        await Walk("set thr");

        await _chat.Send("0");

        Assert.Equal(0, _chat.Billing.Accounts.Get(_agency).LowBalanceDays);
        Assert.Contains("Low-balance alert: off", _chat.LastScreen().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("0 days", _chat.LastScreen().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_LowBalanceMoney_SetShownWithTheDaysAndTurnedOffByZero()
    {
        await _chat.Link(_agency);
        await Walk("set thrm");
        Assert.StartsWith("Alert also when the balance of Ad agency is at most how much? Type an amount in RUB", _chat.LastScreen().Text, StringComparison.Ordinal);

        var refused = await _chat.Send("lots");
        Assert.StartsWith(ChatFixture.Text("chat.settings.moneyHint"), refused.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.LowBalanceMoney, _chat.Session().State);

        await _chat.Send("1 500,50");

        Assert.Equal(1_500.50m, _chat.Billing.Accounts.Get(_agency).LowBalanceMoney);
        Assert.Contains("Low-balance alert: when the money lasts fewer than 3 days, or the balance is at most ₽1,500.50", _chat.LastScreen().Text, StringComparison.Ordinal);

        await Walk("thrm");
        await _chat.Send("0");

        Assert.Null(_chat.Billing.Accounts.Get(_agency).LowBalanceMoney);
        Assert.Contains("Low-balance alert: when the money lasts fewer than 3 days\n", _chat.LastScreen().Text + "\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_LowBalanceMoney_ManagerNeitherSeesItNorSetsIt()
    {
        await _chat.Link(_agency);
        await _chat.Link(_agency, Role.Manager, user: 7007);
        await _chat.Press("set", user: 7007);
        Assert.DoesNotContain("thrm", _chat.ButtonsData(7007));

        var forged = await _chat.Press("thrm", user: 7007);

        Assert.StartsWith(ChatFixture.Text("chat.ownersOnly"), forged.Text, StringComparison.Ordinal);
        Assert.Null(_chat.Billing.Accounts.Get(_agency).LowBalanceMoney);
    }

    [Fact]
    public async Task OpenClient_NotAClientOfThisAgency_Forbidden()
    {
        var stranger = _chat.Billing.Accounts.Create(new NewAccount("Stranger", "RUB", 0m)).Id;
        await _chat.Link(_agency);
        await Walk("cl");

        var screen = await _chat.Press($"cl:{stranger}");

        Assert.StartsWith("That is not available to you.", screen.Text, StringComparison.Ordinal);
        Assert.NotEqual(DialogState.Client, _chat.Session().State);
    }

    /// <summary>Space-separated steps: a button's data, or <c>|text</c> typed; <c>*</c> stands for the client's id.</summary>
    private async Task Walk(string path)
    {
        foreach (var step in path.Split(' '))
        {
            _ = step.StartsWith('|') ? await _chat.Send(step[1..]) : await _chat.Press(step.Replace("*", _client.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
    }
}
