using System.Text;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Members;
using BillingBot.Dialogs;
using LiteDB;

namespace BillingBot.Tests.Dialogs;

/// <summary>The dialog as declared once: its buttons' codec, the flows it keeps, the buttons a role is offered, the limits a step checks.</summary>
public sealed class DeclaredDialogTests : IDisposable
{
    private readonly ChatFixture _chat = new();

    public void Dispose() => _chat.Dispose();

    /// <summary>An agency with no daily charge and its client, the Bakery.</summary>
    private (int Agency, int Client) AgencyWithClient(string agencyName = "Ad agency", string clientName = "Bakery")
    {
        var agency = _chat.Billing.Accounts.Create(new NewAccount(agencyName, "RUB", 0m, AccountKind.Agency)).Id;
        return (agency, _chat.Billing.Accounts.Create(new NewAccount(clientName, "RUB", 150m, AgencyId: agency)).Id);
    }

    /// <summary>Clients, then the client's screen.</summary>
    private async Task OpenClient(int client)
    {
        await _chat.Press("cl");
        await _chat.Press($"cl:{client}");
    }

    /// <summary>A payload of each press, the largest its kind may carry where it matters.</summary>
    private static object Sample(Press press) => press switch
    {
        Press<None> => default(None),
        Press<int> => int.MinValue,
        Press<long> => long.MaxValue,
        Press<decimal> => -79_228_162_514_264_337_593_543_950_335m,
        Press<bool> => false,
        Press<LimitPeriod> => LimitPeriod.Month,
        Press<StatementChoice> => new StatementChoice(new DateOnly(2026, 11, 1), "csv"),
        Press<string> when press == Presses.Language => "ru",
        Press<string> => "America/Argentina/ComodRivadavia",
        _ => throw new InvalidOperationException(press.Code),
    };

    private static string DataOf(Press press, object payload) => press switch
    {
        Press<None> p => p.Data(),
        Press<int> p => p.Data((int)payload),
        Press<long> p => p.Data((long)payload),
        Press<decimal> p => p.Data((decimal)payload),
        Press<bool> p => p.Data((bool)payload),
        Press<LimitPeriod> p => p.Data((LimitPeriod)payload),
        Press<StatementChoice> p => p.Data((StatementChoice)payload),
        Press<string> p => p.Data((string)payload),
        _ => throw new InvalidOperationException(press.Code),
    };

    [Fact]
    public void Parse_DataOfEveryPress_ThePressAndItsPayloadWithinTelegramsLimit()
    {
        foreach (var press in Presses.All)
        {
            var payload = Sample(press);
            var data = DataOf(press, payload);

            Assert.True(Encoding.UTF8.GetByteCount(data) <= Press.MaxDataBytes, data);
            Assert.Equal((press, payload), Press.Parse(data));
        }
    }

    [Theory]
    [InlineData("per:5")]
    [InlineData("ruletoggle:maybe")]
    [InlineData("st:2026-13:pdf")]
    [InlineData("st:2026-11:doc")]
    [InlineData("amt:ten")]
    [InlineData("lang:de")]
    [InlineData("m:1")]
    [InlineData("nosuch")]
    public void Parse_DataNoButtonCarries_Null(string data) => Assert.Null(Press.Parse(data));

    [Fact]
    public void Data_PayloadOverTelegramsLimit_Refused() =>
        Assert.Throws<ArgumentException>(() => Presses.CancelInvoice.Data(new string('9', Press.MaxDataBytes)));

    [Fact]
    public async Task SessionOfTheEarlierRelease_RuleHalfSetAsSessionFields_GoesOnWithWhatItHad()
    {
        var (agency, client) = AgencyWithClient();
        await _chat.Link(agency);
        var session = _chat.Session();
        _chat.Restart();
        // As releases before flows had records of their own kept a rule being set: fields of the session.
        var raw = _chat.Store.Collection<BsonDocument>("chats");
        _chat.Store.Write(() =>
        {
            var document = raw.FindById(ChatFixture.Owner);
            document["State"] = nameof(DialogState.RuleLimit);
            document["ClientId"] = client;
            document["Amount"] = 500m;
            document["Threshold"] = 10m;
            document["LastActivity"] = _chat.Time.GetUtcNow().UtcTicks;
            return raw.Update(document);
        });

        Assert.Equal((DialogState.RuleLimit, new RuleFlow { ClientId = client, Amount = 500m, Threshold = 10m }), (_chat.Session().State, _chat.Session().Flow));
        await _chat.Send("2000");
        Assert.Equal(DialogState.RulePeriod, _chat.Session().State);
        await _chat.Press("per:Week");
        var confirm = _chat.LastScreen();

        Assert.Equal(DialogState.RuleConfirm, _chat.Session().State);
        Assert.Equal(new RuleFlow { ClientId = client, Amount = 500m, Threshold = 10m, Limit = 2000m, Period = LimitPeriod.Week }, _chat.Session().Flow);
        Assert.Contains("Bakery", confirm.Text, StringComparison.Ordinal);
        Assert.NotEqual(session.State, _chat.Session().State);
        await _chat.Press("ok");
        Assert.Equal((500m, 10m, 2000m, LimitPeriod.Week), _chat.Billing.Agency.Rule(client) is { } rule ? (rule.Amount, rule.Threshold, rule.Limit, rule.Period) : default);
        // Written back as the flow's own record: the old fields are gone from the document.
        Assert.False(_chat.Store.Read(() => raw.FindById(ChatFixture.Owner)).ContainsKey("Amount"));
    }

    [Fact]
    public void Session_FlowNotTheOneItsStateKeeps_StartsAgainOnTheMenu()
    {
        var dialog = new ChatDialog(new BillingBot.Chat.ChatSession { State = DialogState.TopUpConfirm, Flow = new PromiseFlow { Amount = 5m } });

        Assert.Equal((DialogState.Menu, null), (dialog.State, dialog.Session.Flow));
    }

    [Fact]
    public async Task Client_Manager_NoMoneyOrRuleButtonsAndAForgedOneMoneyRightOnly()
    {
        var (agency, client) = AgencyWithClient();
        _chat.Pay(agency, 1_000m);
        _chat.Billing.Agency.SetRule(client, 500m, 0m, 2_000m, LimitPeriod.Day);
        await _chat.Link(agency, Role.Manager);

        await OpenClient(client);
        var managers = _chat.ButtonsData();
        var forged = await _chat.Press("tr");

        Assert.Equal(["cl", "m"], managers);
        Assert.StartsWith(ChatFixture.Text("chat.moneyRightOnly"), forged.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.Client, _chat.Session().State);

        await _chat.Press("set");
        Assert.DoesNotContain("thr", _chat.ButtonsData());
    }

    [Fact]
    public async Task Client_Owner_EveryMoneyAndRuleButton()
    {
        var (agency, client) = AgencyWithClient();
        _chat.Billing.Agency.SetRule(client, 500m, 0m, 2_000m, LimitPeriod.Day);
        await _chat.Link(agency);

        await OpenClient(client);

        Assert.Equal(["tr", "rt", "rule", "ruletoggle:off", "cl", "m"], _chat.ButtonsData());
        await _chat.Press("set");
        Assert.Contains("thr", _chat.ButtonsData());
    }

    [Fact]
    public async Task RuleLimit_BelowTheTopUpAmount_RefusedAsTypedNamingTheLimit()
    {
        var (agency, client) = AgencyWithClient();
        await _chat.Link(agency);
        await OpenClient(client);
        await _chat.Press("rule");
        await _chat.Send("500");
        await _chat.Send("0");

        var refused = await _chat.Send("100");

        Assert.StartsWith("The limit must be at least the top-up amount (₽500.00), not ₽100.00.", refused.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.RuleLimit, _chat.Session().State);
        await _chat.Send("500");
        Assert.Equal(DialogState.RulePeriod, _chat.Session().State);
    }

    [Fact]
    public async Task TransferAmount_MoreThanTheAgencyHas_RefusedAsTyped()
    {
        var (agency, client) = AgencyWithClient();
        _chat.Pay(agency, 100m);
        await _chat.Link(agency);
        await OpenClient(client);
        await _chat.Press("tr");

        var refused = await _chat.Send("150");

        Assert.StartsWith("Not enough money", refused.Text, StringComparison.Ordinal);
        Assert.Equal(DialogState.TransferAmount, _chat.Session().State);
        Assert.DoesNotContain("ok", _chat.ButtonsData());
    }

    [Theory]
    [InlineData("en", "zone:Europe/Berlin", "Berlin", "Europe/Berlin")]
    [InlineData("ru", "zone:Asia/Novosibirsk", "Новосибирск", "Asia/Novosibirsk")]
    public async Task TimeZone_ZonesOfTheChatsLanguageOffered_OneTapSavesIt(string language, string data, string city, string zone)
    {
        _chat.SetLanguageCode(ChatFixture.Owner, language);
        var shop = _chat.CreateAccount();
        await _chat.Link(shop.Id);
        await _chat.Press("set");

        var ask = await _chat.Press("tz");
        Assert.Equal(city, _chat.ButtonWith(data).Text);
        await _chat.Press(data);

        Assert.Equal((DialogState.Settings, zone, true), (_chat.Session().State, _chat.Session().TimeZone, _chat.Session().TimeZoneChosen));
        Assert.Contains(zone, _chat.LastScreen().Text, StringComparison.Ordinal);
        Assert.NotEmpty(ask.Text);
    }

    [Fact]
    public async Task TransferAmount_RefusedInRussian_AmountsWrittenAsMoneyOfTheChat()
    {
        _chat.SetLanguageCode(ChatFixture.Owner, "ru");
        var (agency, client) = AgencyWithClient("Агентство", "Пекарня");
        _chat.Pay(agency, 9_000m);
        await _chat.Link(agency);
        await OpenClient(client);
        await _chat.Press("tr");

        var refused = await _chat.Send("10000");

        // As the balance is written everywhere else: "9 000,00 ₽", never "9000 RUB".
        Assert.StartsWith("Недостаточно средств: на балансе 9\u00a0000,00 ₽, а нужно 10\u00a0000,00 ₽.", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ZeroTariffAgency_SaysWhatIsTrue_NoDailyChargeTypeAnAmountNoPromise()
    {
        var agency = _chat.Billing.Accounts.Create(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency)).Id;
        _chat.Pay(agency, 1_000m);
        await _chat.Link(agency);

        var balance = await _chat.Press("bal");
        await _chat.Press("m");
        var topUp = await _chat.Press("top");
        var amounts = _chat.ButtonsData();
        await _chat.Press("m");
        var promise = await _chat.Press("prom");

        Assert.Contains("Daily tariff: none\nNo daily charge on this account: nothing is taken from the balance each day.", balance.Text, StringComparison.Ordinal);
        Assert.Equal("How much to top up? Type an amount from ₽1.00 to ₽1,000,000.00 (for example 100 or 100.50).", topUp.Text);
        Assert.Equal(["m"], amounts);
        Assert.StartsWith("A promised payment is sized by the account's daily charges, and this account has none", promise.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("take", _chat.ButtonsData());
    }
}
