using System.Collections.Concurrent;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Dialogs;
using BillingBot.Localization;
using BillingBot.Notifications;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Notifications;

/// <summary>Where delivery could lose, hold back or misdirect a message.</summary>
public sealed class DeliveryEdgeTests : IDisposable
{
    private const long Owner = 10;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-delivery-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 9, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly BillingStore _store;
    private readonly BillingService _billing;
    private readonly Notifier _notifier;
    private readonly Localizer _texts = Localizer.Load();

    public DeliveryEdgeTests()
    {
        _store = new BillingStore(Path.Combine(_folder, "billing.db"));
        _billing = new BillingService(_store, _time, new BillingSettings { PromisedPayments = new PromisedPaymentOptions { RequirePaidInvoice = false } });
        _notifier = new Notifier(_billing, _texts, _time, Options.Create(new NotificationOptions()));
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Chat(ChatSession session) => _store.Write(() => _store.Collection<ChatSession>("chats").Upsert(session));

    private Account Shop(long owner, string name = "Flower shop", decimal tariff = 10m)
    {
        var shop = _billing.Accounts.Create(new NewAccount(name, "USD", tariff));
        _billing.Members.Redeem(_billing.Members.Invite(shop.Id, Role.Owner), owner);
        Chat(new ChatSession { Id = owner, UserId = owner, AccountId = shop.Id });
        return shop;
    }

    [Fact]
    public async Task Unreachable_ChatWritesAgain_HeldAlertGoesOut()
    {
        var shop = Shop(Owner);
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: shop.Id));
        _notifier.Dispatch();
        _notifier.MarkUnreachable(Owner);
        var engine = Engine();

        await engine.HandleAsync(new Incoming(1, Owner, Owner, "en", Text: "/menu"), new NullOutput(), CancellationToken.None);

        Assert.Equal([MessageStatus.Pending], _store.Read(() => _notifier.Messages.Find(m => m.ChatId == Owner).Select(m => m.Status).ToList()));
    }

    [Fact]
    public async Task Sender_OneChatWithALongQueue_OtherChatsStillServed()
    {
        var now = TimeProvider.System.GetUtcNow();
        _notifier.Store(() => _notifier.Messages.InsertBulk(
            Enumerable.Range(0, 1_200).Select(i => new OutboxMessage { Id = $"busy:{i}", ChatId = 777, Text = "x", NotBefore = now, CreatedAt = now.AddTicks(i) })
                .Append(new OutboxMessage { Id = "other", ChatId = 888, Text = "y", NotBefore = now, CreatedAt = now.AddSeconds(1) })));
        var channel = new Recorder();
        var notifier = new Notifier(_billing, _texts, TimeProvider.System, Options.Create(new NotificationOptions()));
        using var sender = new NotificationSender(notifier, channel, TimeProvider.System, Options.Create(new NotificationOptions()), NullLogger<NotificationSender>.Instance);

        await sender.StartAsync(CancellationToken.None);
        for (var i = 0; i < 100 && !channel.Sent.Any(m => m.ChatId == 888); i++)
        {
            await Task.Delay(50);
        }

        await sender.StopAsync(CancellationToken.None);
        Assert.Contains(channel.Sent, m => m.ChatId == 888);
    }

    [Theory]
    [InlineData(false, 1, MessageStatus.Uncertain)]
    [InlineData(true, 2, MessageStatus.Sent)]
    public async Task Sender_AnswerLostAfterTheRequestWentOut_AnAlertNotRepeatedAPaymentConfirmationSentAgain(bool atLeastOnce, int sends, MessageStatus after)
    {
        var now = TimeProvider.System.GetUtcNow();
        _notifier.Store(() => _notifier.Messages.Insert(new OutboxMessage { Id = "event:1:10", ChatId = Owner, Text = "x", NotBefore = now, CreatedAt = now, AtLeastOnce = atLeastOnce }));
        var channel = new LosesTheFirstAnswer();
        var notifier = new Notifier(_billing, _texts, TimeProvider.System, Options.Create(new NotificationOptions()));
        using var sender = new NotificationSender(notifier, channel, TimeProvider.System, Options.Create(new NotificationOptions()), NullLogger<NotificationSender>.Instance);

        await sender.StartAsync(CancellationToken.None);
        // Until the message is where it ends (a busy machine may take a while), then past the first back-off of 2 s:
        // an alert must not be sent again meanwhile.
        var status = () => _store.Read(() => _notifier.Messages.FindById("event:1:10")).Status;
        for (var waited = 0; waited < 30_000 && (status() != after || channel.Sends < sends); waited += 50)
        {
            await Task.Delay(50);
        }

        await Task.Delay(3_500);
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(sends, channel.Sends);
        Assert.Equal(after, _store.Read(() => _notifier.Messages.FindById("event:1:10")).Status);
    }

    [Fact]
    public async Task Sender_StoppedMidPass_NothingLeftMarkedAsBeingSent()
    {
        var now = TimeProvider.System.GetUtcNow();
        _notifier.Store(() => _notifier.Messages.InsertBulk(Enumerable.Range(1, 40).Select(chat => new OutboxMessage { Id = $"m:{chat}", ChatId = chat, Text = "x", NotBefore = now, CreatedAt = now })));
        var options = Options.Create(new NotificationOptions { GlobalPerSecond = 20 });
        var notifier = new Notifier(_billing, _texts, TimeProvider.System, options);
        var channel = new Recorder();
        using var sender = new NotificationSender(notifier, channel, TimeProvider.System, options, NullLogger<NotificationSender>.Instance);

        await sender.StartAsync(CancellationToken.None);
        for (var i = 0; i < 100 && channel.Sent.IsEmpty; i++)
        {
            await Task.Delay(50);
        }

        await sender.StopAsync(CancellationToken.None);

        var statuses = _store.Read(() => _notifier.Messages.FindAll().Select(m => m.Status).ToList());
        Assert.DoesNotContain(MessageStatus.Sending, statuses);
        Assert.Equal(channel.Sent.Count, statuses.Count(s => s == MessageStatus.Sent));
        Assert.Equal(40 - channel.Sent.Count, statuses.Count(s => s == MessageStatus.Pending));
        Assert.InRange(channel.Sent.Count, 1, 39);
    }

    [Fact]
    public void Digests_PassCrossingMidnight_NoDigestMadeForTheNewDay()
    {
        Shop(Owner);
        var clock = new SteppingClock(new DateTimeOffset(2022, 9, 29, 23, 59, 59, 900, TimeSpan.Zero), TimeSpan.FromMilliseconds(150));

        new Digests(_billing, _notifier, _texts, clock, Options.Create(new NotificationOptions())).QueueDue();

        var ids = _store.Read(() => _notifier.Messages.FindAll().Select(m => m.Id).ToList());
        Assert.Contains($"digest:{Owner}:2022-09-29", ids);
        Assert.DoesNotContain($"digest:{Owner}:2022-09-30", ids);
    }

    [Fact]
    public void Digests_OneChatWithABadSetting_OthersStillGetTheirs()
    {
        var bad = Shop(1, "Bad");
        Chat(new ChatSession { Id = 1, UserId = 1, AccountId = bad.Id, TimeZone = "Mars/Olympus_Mons" });
        Chat(new ChatSession { Id = 2, UserId = 2, AccountId = bad.Id, DigestTime = "9:00" });
        Shop(Owner);
        _time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 10, 0, 0, TimeSpan.Zero));

        new DailySchedule(_billing, new Digests(_billing, _notifier, _texts, _time, Options.Create(new NotificationOptions())), _time, NullLogger<DailySchedule>.Instance).RunOnce();

        Assert.NotNull(_store.Read(() => _notifier.Messages.FindById($"digest:{Owner}:2022-09-30")));
        Assert.NotNull(_store.Read(() => _notifier.Messages.FindById("digest:2:2022-09-30")));
    }

    [Fact]
    public void Digests_PersonOfAShopAndAnAgency_OneDigestWithASectionAndATopUpForEach()
    {
        var shop = Shop(Owner, "Flower shop");
        var agency = _billing.Accounts.Create(new NewAccount("Ad agency", "USD", 0m, AccountKind.Agency));
        _billing.Members.Redeem(_billing.Members.Invite(agency.Id, Role.Manager), Owner);
        _time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 9, 0, 0, TimeSpan.Zero));

        var made = new Digests(_billing, _notifier, _texts, _time, Options.Create(new NotificationOptions())).QueueDue();

        var digest = Assert.Single(_store.Read(() => _notifier.Messages.FindAll().ToList()));
        Assert.Equal(1, made);
        // The account the chat is on first, then the other, whichever is selected.
        Assert.True(digest.Text.IndexOf("Flower shop", StringComparison.Ordinal) < digest.Text.IndexOf("Ad agency", StringComparison.Ordinal), digest.Text);
        Assert.Equal([("Top up Flower shop", $"top:{shop.Id}"), ("Top up Ad agency", $"top:{agency.Id}")], digest.Buttons.Select(b => (b.Text, b.Data!)));
    }

    [Fact]
    public void Digests_MoreAccountsThanOneMessageHolds_SplitBetweenSectionsIntoMessagesOfTheirOwn()
    {
        Shop(Owner, "Shop 0");
        foreach (var n in Enumerable.Range(1, 39))
        {
            var other = _billing.Accounts.Create(new NewAccount($"Shop {n} " + new string('x', 60), "USD", 3.33m));
            _billing.Members.Redeem(_billing.Members.Invite(other.Id, Role.Manager), Owner);
        }

        _time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 9, 0, 0, TimeSpan.Zero));

        new Digests(_billing, _notifier, _texts, _time, Options.Create(new NotificationOptions())).QueueDue();

        var messages = _store.Read(() => _notifier.Messages.FindAll().OrderBy(m => m.CreatedAt).ThenBy(m => m.Id.Length).ThenBy(m => m.Id, StringComparer.Ordinal).ToList());
        Assert.InRange(messages.Count, 2, 40);
        Assert.All(messages, m => Assert.InRange(m.Text.Length, 1, Digests.MaxText));
        Assert.Equal($"digest:{Owner}:2022-09-30", messages[0].Id);
        Assert.Equal($"digest:{Owner}:2022-09-30:2", messages[1].Id);
        // Every account once, whole: a section never spans two messages.
        Assert.Equal(40, messages.Sum(m => m.Buttons.Count));
        Assert.All(Enumerable.Range(1, 39), n => Assert.Single(messages, m => m.Text.Contains($"Shop {n} ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Digests_AccountsOverSeveralPages_EachChatsDigestMadeOnceFromItsOwnAccount()
    {
        // More accounts than one page of the digest pass reads; the two looked at below on the second page.
        foreach (var n in Enumerable.Range(1, 600))
        {
            Shop(10_000 + n, $"Shop {n}");
        }

        var owing = Shop(1, "Owing shop");
        var clear = Shop(2, "Clear shop");
        _billing.Invoices.Record(new IncomingPayment("p1", 100m, AccountId: owing.Id));
        _billing.Invoices.Issue(owing.Id, 40m, "i1");
        _billing.Invoices.Issue(owing.Id, 2m, "i2");
        _billing.Promises.Take(owing.Id, 15m, "k1");
        // Many chats of each, in both languages.
        _store.Write(() => _store.Collection<ChatSession>("chats").InsertBulk(Enumerable.Range(100, 1_200)
            .Select(n => new ChatSession { Id = n, UserId = n, AccountId = n % 2 == 0 ? owing.Id : clear.Id, Language = n % 3 == 0 ? "ru" : "en" })));
        // A chat whose account is gone gets none; the others go on.
        _store.Write(() => _store.Collection<ChatSession>("chats").Insert(new ChatSession { Id = 5_000, UserId = 5_000, AccountId = 999 }));
        _time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 9, 0, 0, TimeSpan.Zero));
        var digests = new Digests(_billing, _notifier, _texts, _time, Options.Create(new NotificationOptions()));

        var made = digests.QueueDue();

        Assert.Equal(1_802, made);
        // A page is found by walking the account index, not by sorting every subscribed chat.
        Assert.Equal(nameof(ChatSession.AccountId), _store.Read(() => digests.PageQuery(0).GetPlan())["index"]["name"].AsString);
        var texts = _store.Read(() => _notifier.Messages.FindAll().ToDictionary(m => m.ChatId, m => m.Text));
        Assert.Equal(1_802, texts.Count);
        Assert.Contains("Shop 600", texts[10_600], StringComparison.Ordinal);
        Assert.Contains("Owing shop", texts[102], StringComparison.Ordinal);
        Assert.Contains("Unpaid invoices: 2 ($42.00)", texts[104], StringComparison.Ordinal);
        Assert.Contains("$15.00", texts[104], StringComparison.Ordinal);
        Assert.Contains("Clear shop", texts[101], StringComparison.Ordinal);
        Assert.Contains("Unpaid invoices: 0", texts[101], StringComparison.Ordinal);
        Assert.DoesNotContain("$15.00", texts[101], StringComparison.Ordinal);
        Assert.Contains("Неоплаченных счетов: 2", texts[102], StringComparison.Ordinal);

        // A pass a minute later, and one by a fresh schedule after a restart, make nothing again.
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, digests.QueueDue());
        Assert.Equal(0, new Digests(_billing, _notifier, _texts, _time, Options.Create(new NotificationOptions())).QueueDue());
    }

    [Fact]
    public async Task Sender_AnEventThatCannotBeRendered_SkippedAndTheSenderRuns()
    {
        var shop = Shop(Owner);
        Chat(new ChatSession { Id = Owner, UserId = Owner, AccountId = shop.Id, TimeZone = "Mars/Olympus_Mons" });
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: shop.Id));
        using var sender = new NotificationSender(_notifier, new Recorder(), TimeProvider.System, Options.Create(new NotificationOptions()), NullLogger<NotificationSender>.Instance);

        await sender.StartAsync(CancellationToken.None);
        // The sender works on a thread of its own: wait (bounded) until it has dealt with the event, however busy the machine.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_store.Read(() => _store.Outbox.Exists(e => e.Delivered == false)) && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }

        Assert.False(sender.ExecuteTask!.IsCompleted);
        Assert.Empty(_store.Read(() => _store.Outbox.Find(e => e.Delivered == false).ToList()));
        await sender.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Overdue_PartlyRepaidFromIncomingMoney_OwnerToldWhatWasTaken()
    {
        var shop = Shop(Owner, tariff: 1m);
        _billing.Invoices.Record(new IncomingPayment("p0", 10m, AccountId: shop.Id));
        _billing.Promises.Take(shop.Id, 20m, "k1");
        _time.Advance(TimeSpan.FromDays(8));
        _billing.Promises.Review();

        _billing.Invoices.Record(new IncomingPayment("p1", 5m, AccountId: shop.Id));
        _notifier.Dispatch();

        Assert.Contains(_store.Read(() => _notifier.Messages.FindAll().Select(m => m.Text).ToList()), t => t == "$5.00 of the money that reached <b>Flower shop</b> went to repay the overdue promised payment; $15.00 is still owed.");
    }

    [Fact]
    public async Task QuietHours_OwnerOfABerlinAccountWithDefaultSettings_AlertAt2330BerlinHeldUntil0800Berlin()
    {
        var shop = await BerlinShopLinkedAsync();
        _time.SetUtcNow(new DateTimeOffset(2022, 9, 29, 21, 30, 0, TimeSpan.Zero)); // 23:30 in Berlin (CEST)

        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: shop.Id)); // 2.5 days at 10 a day: low
        _notifier.Dispatch();

        var low = _store.Read(() => _notifier.Messages.FindAll().Single(m => m.ChatId == Owner));
        Assert.Equal(new DateTimeOffset(2022, 9, 30, 6, 0, 0, TimeSpan.Zero), low.NotBefore); // 08:00 in Berlin
    }

    [Fact]
    public async Task Digest_OwnerOfABerlinAccountWithDefaultSettings_MadeAt0900Berlin()
    {
        await BerlinShopLinkedAsync();
        var digests = new Digests(_billing, _notifier, _texts, _time, Options.Create(new NotificationOptions()));

        _time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 6, 30, 0, TimeSpan.Zero)); // 08:30 in Berlin
        digests.QueueDue();
        var early = _store.Read(() => _notifier.Messages.FindById($"digest:{Owner}:2022-09-30"));
        _time.SetUtcNow(new DateTimeOffset(2022, 9, 30, 7, 30, 0, TimeSpan.Zero)); // 09:30 in Berlin
        digests.QueueDue();

        Assert.Null(early);
        Assert.NotNull(_store.Read(() => _notifier.Messages.FindById($"digest:{Owner}:2022-09-30")));
    }

    [Fact]
    public async Task InvoicePaid_WhileTheOwnerHadBlockedTheBot_HeldAndSentWhenTheChatWritesAgain()
    {
        var engine = Engine();
        var shop = _billing.Accounts.Create(new NewAccount("Flower shop", "USD", 0m));
        await engine.HandleAsync(new Incoming(1, Owner, Owner, "en", Text: "/start " + _billing.Members.Invite(shop.Id, Role.Owner)), new NullOutput(), CancellationToken.None);
        var invoice = _billing.Invoices.Issue(shop.Id, 100m, $"tg/{Owner}/2");
        engine.SetReachable(Owner, reachable: false, updateId: 3);

        _billing.Invoices.Record(new IncomingPayment("bank-1", 100m, invoice.Number));
        _notifier.Dispatch();
        var held = _store.Read(() => _notifier.Messages.Find(m => m.ChatId == Owner).Single());
        engine.SetReachable(Owner, reachable: true, updateId: 4);

        Assert.Equal(MessageStatus.Unreachable, held.Status);
        var released = _store.Read(() => _notifier.Messages.FindById(held.Id));
        Assert.Equal(MessageStatus.Pending, released.Status);
        Assert.Contains("is paid", released.Text, StringComparison.Ordinal);
    }

    private ChatEngine Engine() => new ChatEngine(_billing, new BillingBot.Documents.DocumentService(_billing, _texts, _time, Options.Create(new BillingBot.Documents.DocumentOptions())), _texts, _time, Options.Create(new DialogOptions()));

    /// <summary>The owner links the chat the usual way (/start CODE) and never opens Settings.</summary>
    private async Task<Account> BerlinShopLinkedAsync()
    {
        var engine = Engine();
        var shop = _billing.Accounts.Create(new NewAccount("Flower shop", "USD", 10m, TimeZone: "Europe/Berlin"));
        await engine.HandleAsync(new Incoming(1, Owner, Owner, "en", Text: "/start " + _billing.Members.Invite(shop.Id, Role.Owner)), new NullOutput(), CancellationToken.None);
        return shop;
    }

    /// <summary>The first send reaches Telegram but its answer is lost on the way back.</summary>
    private sealed class LosesTheFirstAnswer : INotificationChannel
    {
        private int _sends;

        public int Sends => _sends;

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _sends) == 1 ? throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.") : Task.CompletedTask;
    }

    private sealed class Recorder : INotificationChannel
    {
        public ConcurrentBag<OutboxMessage> Sent { get; } = [];

        public Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }

    private sealed class NullOutput : IChatOutput
    {
        public Task<int> ShowAsync(long chatId, Screen screen, int? editMessageId, CancellationToken cancellationToken) => Task.FromResult(1);

        public Task AnswerAsync(string callbackId, string? note, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendFileAsync(long chatId, Attachment attachment, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now += step;
            return now;
        }
    }
}
