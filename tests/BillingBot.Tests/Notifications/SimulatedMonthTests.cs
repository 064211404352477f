using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Localization;
using BillingBot.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Notifications;

/// <summary>A month of BillingBot's daily life on a fake clock: charges, digests, alerts, reminders and auto top-ups.</summary>
public sealed class SimulatedMonthTests : IDisposable
{
    private const long Berlin = 100;
    private const long Almaty = 200;
    private const long AgencyOwner = 300;
    private static readonly DateTimeOffset Start = new(2022, 9, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-month-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Start);
    private readonly BillingStore _store;
    private readonly BillingService _billing;
    private readonly Notifier _notifier;
    private readonly DailySchedule _schedule;

    public SimulatedMonthTests()
    {
        _store = new BillingStore(Path.Combine(_folder, "billing.db"));
        _billing = new BillingService(_store, _time, new BillingSettings { PromisedPayments = new PromisedPaymentOptions { RequirePaidInvoice = false } });
        var texts = Localizer.Load();
        _notifier = new Notifier(_billing, texts, _time, Options.Create(new NotificationOptions()));
        _schedule = new DailySchedule(_billing, new Digests(_billing, _notifier, texts, _time, Options.Create(new NotificationOptions())), _time, NullLogger<DailySchedule>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private Account Linked(NewAccount account, long chat, string zone)
    {
        var created = _billing.Accounts.Create(account);
        _billing.Members.Redeem(_billing.Members.Invite(created.Id, Role.Owner), chat);
        _store.Write(() => _store.Collection<ChatSession>("chats").Upsert(new ChatSession { Id = chat, UserId = chat, AccountId = created.Id, TimeZone = zone }));
        return created;
    }

    /// <summary>Runs the schedule every 15 minutes through <paramref name="days"/> days, with <paramref name="during"/> at each step.</summary>
    private void Live(int days, Action<DateTimeOffset>? during = null)
    {
        for (var step = 0; step < days * 24 * 4; step++)
        {
            _time.Advance(TimeSpan.FromMinutes(15));
            during?.Invoke(_time.GetUtcNow());
            _schedule.RunOnce();
            _notifier.Dispatch();
        }
    }

    private List<OutboxMessage> Messages(long chat) => _store.Read(() => _notifier.Messages.Find(m => m.ChatId == chat).OrderBy(m => m.CreatedAt).ToList());

    [Fact]
    public void Month_TwoTimeZones_ChargedDailyOnceAndDigestAtNineLocalOnce()
    {
        var berlin = Linked(new NewAccount("Berlin shop", "EUR", 2m, TimeZone: "Europe/Berlin"), Berlin, "Europe/Berlin");
        var almaty = Linked(new NewAccount("Almaty shop", "KZT", 500m, TimeZone: "Asia/Almaty"), Almaty, "Asia/Almaty");
        _billing.Invoices.Record(new IncomingPayment("b", 1_000m, AccountId: berlin.Id));
        _billing.Invoices.Record(new IncomingPayment("a", 100_000m, AccountId: almaty.Id));

        Live(30);

        foreach (var account in new[] { berlin, almaty })
        {
            var days = _store.Read(() => _store.Collection<LedgerEntry>("entries").Find(e => e.AccountId == account.Id && e.Kind == EntryKind.ServiceCharge).Select(e => e.ChargeDate!.Value).ToList());
            Assert.Equal(days.Distinct().Count(), days.Count);
            Assert.Equal(_time.Today(account.TimeZone).AddDays(-1), days.Max());
        }

        foreach (var (chat, zone) in new[] { (Berlin, "Europe/Berlin"), (Almaty, "Asia/Almaty") })
        {
            var digests = Messages(chat).Where(m => m.Id.StartsWith("digest:", StringComparison.Ordinal)).ToList();
            Assert.Equal(digests.Select(m => m.Id).Distinct().Count(), digests.Count);
            Assert.InRange(digests.Count, 29, 31);
            Assert.All(digests, m => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(m.CreatedAt, TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime)));
        }
    }

    [Fact]
    public void Month_BalanceRunsDownAndIsToppedUp_OneAlertPerCrossingAndARecoveryNote()
    {
        var shop = Linked(new NewAccount("Flower shop", "USD", 10m), Berlin, "UTC");
        _billing.Invoices.Record(new IncomingPayment("p1", 100m, AccountId: shop.Id));

        Live(10, now => { if (now == Start.AddDays(8).AddHours(12)) { _billing.Invoices.Record(new IncomingPayment("p2", 200m, AccountId: shop.Id)); } });
        Live(20);

        var alerts = Messages(Berlin).Where(m => m.Id.StartsWith("event:", StringComparison.Ordinal)).Select(m => m.Text[..m.Text.IndexOf(':', StringComparison.Ordinal)]).ToList();
        Assert.Equal(["The balance of <b>Flower shop</b> is low", "The balance of <b>Flower shop</b> has recovered", "The balance of <b>Flower shop</b> is low"], alerts.Where(a => !a.StartsWith("Invoice", StringComparison.Ordinal)));
    }

    [Fact]
    public void Month_PromisedPayment_RemindedDayBeforeAndOnItThenOverdueRepaidFromTheNextTopUp()
    {
        var shop = Linked(new NewAccount("Flower shop", "USD", 1m), Berlin, "UTC");
        _billing.Invoices.Record(new IncomingPayment("p1", 5m, AccountId: shop.Id));
        _billing.Promises.Take(shop.Id, 20m, "promise");

        Live(10);
        _billing.Invoices.Record(new IncomingPayment("p2", 50m, AccountId: shop.Id));
        _notifier.Dispatch();

        var texts = Messages(Berlin).Select(m => m.Text).ToList();
        Assert.Single(texts, t => t.Contains("is due tomorrow", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("is due today", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("is overdue", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains("is repaid", StringComparison.Ordinal));
        Assert.Equal(-20m, _store.Read(() => _store.Collection<LedgerEntry>("entries").Find(e => e.AccountId == shop.Id && e.Kind == EntryKind.PromisedPaymentRepayment).Sum(e => e.Amount)));
    }

    [Fact]
    public void Month_AgencyAutoTopUps_FourADaySummedUpOnceAndAShortAgencyToldOnce()
    {
        var agency = Linked(new NewAccount("Ad agency", "RUB", 0m, AccountKind.Agency), AgencyOwner, "UTC");
        var client = _billing.Accounts.Create(new NewAccount("Bakery", "RUB", 0m, AgencyId: agency.Id));
        _billing.Invoices.Record(new IncomingPayment("p1", 3_000m, AccountId: agency.Id));
        _billing.Agency.Transfer(agency.Id, client.Id, 500m, "start");
        _billing.Agency.SetRule(client.Id, 500m, 0m, 2_000m, LimitPeriod.Day);

        // Day one: the client spends 500 five times; day two: spending goes on until the agency runs short.
        Live(1, now => { if (now.Minute == 0 && now.Hour is >= 10 and < 15) { _billing.Charges.Post(client.Id, _time.Today("UTC"), 500m); } });
        Assert.Equal(4, _store.Read(() => _store.Collection<LedgerEntry>("entries").Find(e => e.AccountId == client.Id && e.AutoTopUp).Count()));
        Live(1, now => { if (now.Minute == 0 && now.Hour is >= 10 and < 14) { _billing.Charges.Post(client.Id, _time.Today("UTC"), 500m); } });
        Live(2);

        var messages = Messages(AgencyOwner);
        var summaries = messages.Where(m => m.Id.StartsWith("autotopups:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, summaries.Count);
        Assert.StartsWith("<b>Ad agency</b>: auto top-ups on 1 September, ₽2,000.00 in all:\nBakery: ₽2,000.00 (top-ups: 4)", summaries[0].Text, StringComparison.Ordinal);
        Assert.All(summaries, m => Assert.Equal(new TimeOnly(8, 0), TimeOnly.FromDateTime(m.NotBefore.UtcDateTime)));
        Assert.Single(messages, m => m.Text.Contains("was turned off", StringComparison.Ordinal));
        Assert.False(_billing.Agency.Rule(client.Id)!.Enabled);
    }
}
