using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Localization;
using BillingBot.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Notifications;

/// <summary>Events become one message per recipient chat, once, in its language, held through quiet hours.</summary>
public sealed class NotifierTests : IDisposable
{
    private const long Owner = 10;
    private const long Manager = 20;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "billingbot-notify-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2022, 9, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly BillingStore _store;
    private readonly BillingService _billing;
    private readonly Notifier _notifier;
    private readonly Account _shop;

    public NotifierTests()
    {
        _store = new BillingStore(Path.Combine(_folder, "billing.db"));
        _billing = new BillingService(_store, _time, new BillingSettings());
        _notifier = new Notifier(_billing, Localizer.Load(), _time, Options.Create(new NotificationOptions()));
        _shop = _billing.Accounts.Create(new NewAccount("Flower shop", "USD", 10m));
        _billing.Members.Redeem(_billing.Members.Invite(_shop.Id, Role.Owner), Owner);
        _billing.Members.Redeem(_billing.Members.Invite(_shop.Id, Role.Manager), Manager);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private List<OutboxMessage> Messages() => _store.Read(() => _notifier.Messages.FindAll().OrderBy(m => m.ChatId).ToList());

    [Fact]
    public void Dispatch_LowBalance_OwnerAndManagerEachOnceWithTopUpButton()
    {
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id)); // 2 days at 10 a day: low

        var made = _notifier.Dispatch();
        var again = _notifier.Dispatch();

        Assert.Equal((2, 0), (made, again));
        var messages = Messages();
        Assert.Equal([Owner, Manager], messages.Select(m => m.ChatId));
        // 25.00 at 10.00 a day: today's charge and tomorrow's, then it is gone.
        Assert.All(messages, m => Assert.Equal("The balance of <b>Flower shop</b> is low: $25.00. The money lasts about 2 days, until 1 October.", m.Text));
        Assert.All(messages, m => Assert.Equal($"top:{_shop.Id}", Assert.Single(m.Buttons).Data));
    }

    [Fact]
    public void Dispatch_InvoicePaid_OwnerAndTheChatThatAskedButNotTheManager()
    {
        var invoice = _billing.Invoices.Issue(_shop.Id, 100m, "tg/777/42");
        _billing.Invoices.Record(new IncomingPayment("p1", 100m, invoice.Number));

        _notifier.Dispatch();

        var paid = Messages().Where(m => m.Text.StartsWith("Invoice", StringComparison.Ordinal)).ToList();
        Assert.Equal([Owner, 777L], paid.Select(m => m.ChatId));
        Assert.All(paid, m => Assert.True(m.AtLeastOnce));
        Assert.Contains("$100.00 reached <b>Flower shop</b>. Balance: $100.00.", paid[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatch_RussianChat_GetsRussian()
    {
        _store.Write(() => _store.Collection<ChatSession>("chats").Upsert(new ChatSession { Id = Manager, Language = "ru" }));
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id));

        _notifier.Dispatch();

        Assert.StartsWith("Баланс <b>Flower shop</b> на исходе: 25,00 $.", Messages().Single(m => m.ChatId == Manager).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatch_AtNightLow_HeldUntilQuietHoursEndButRunOutGoesAtOnce()
    {
        _time.SetUtcNow(new DateTimeOffset(2022, 9, 29, 23, 0, 0, TimeSpan.Zero));
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id));
        _notifier.Dispatch();
        Assert.All(Messages(), m => Assert.Equal(new DateTimeOffset(2022, 9, 30, 8, 0, 0, TimeSpan.Zero), m.NotBefore));

        _billing.Invoices.Record(new IncomingPayment("p2", 100m, AccountId: _shop.Id)); // recovered
        _billing.Charges.Post(_shop.Id, new DateOnly(2022, 9, 29), 200m); // run out
        _notifier.Dispatch();

        var runOut = Messages().Where(m => m.Text.Contains("has run out", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runOut.Count);
        Assert.All(runOut, m => Assert.Equal(_time.GetUtcNow(), m.NotBefore));
    }

    [Fact]
    public void Dispatch_UnreachableChat_ItsMessageHeldNotSent()
    {
        _store.Write(() => _store.Collection<ChatSession>("chats").Upsert(new ChatSession { Id = Manager, Unreachable = true }));
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id));

        _notifier.Dispatch();

        Assert.Equal([(Owner, MessageStatus.Pending), (Manager, MessageStatus.Unreachable)], Messages().Select(m => (m.ChatId, m.Status)).OrderBy(m => m.Status));
    }

    [Fact]
    public void Dispatch_PromiseReminders_OwnerOnly()
    {
        _billing.Invoices.Record(new IncomingPayment("p1", 1_000m, AccountId: _shop.Id));
        var promise = _billing.Promises.Take(_shop.Id, 50m, "k");
        _time.SetUtcNow(new DateTimeOffset(promise.DueOn.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        _billing.Promises.Review();

        _notifier.Dispatch();

        var reminder = Assert.Single(Messages());
        Assert.Equal(Owner, reminder.ChatId);
        Assert.Equal("The promised payment of $50.00 on <b>Flower shop</b> is due tomorrow, 6 October.", reminder.Text);
    }

    [Fact]
    public void NextDue_QueueOverSeveralPages_EachChatsOldestDueMessageOldestFirst()
    {
        var now = _time.GetUtcNow();
        var message = (string id, long chat, int notBefore, int created, MessageStatus status) => new OutboxMessage
        {
            Id = id,
            ChatId = chat,
            Text = id,
            Status = status,
            NotBefore = now.AddMinutes(notBefore),
            CreatedAt = now.AddMinutes(created),
        };
        _store.Write(() =>
        {
            // Two pages of one chat's queue come first; each other chat's messages are out of order as stored.
            _notifier.Messages.InsertBulk(Enumerable.Range(1, 1_200).Select(n => message($"busy:{n}", 1, -100, n, MessageStatus.Pending)));
            _notifier.Messages.InsertBulk(Enumerable.Range(2, 700).SelectMany(chat => new[]
            {
                message($"later:{chat}", chat, -1, -50, MessageStatus.Pending),
                message($"first:{chat}", chat, -2, -5, MessageStatus.Pending),
                message($"tie:{chat}", chat, -2, -1_000 + chat, MessageStatus.Pending),
                message($"sent:{chat}", chat, -90, -90, MessageStatus.Sent),
                message($"future:{chat}", chat, 5, -90, MessageStatus.Pending),
            }));
            // Held through quiet hours: due later, though made earlier than everything else.
            _notifier.Messages.Insert(message("quiet", 9_000, 30, -200, MessageStatus.Pending));
        });

        var next = _notifier.NextDue(now, 600, chat => chat != 7);

        Assert.Equal(600, next.Count);
        Assert.Equal("busy:1", next[0].Id);
        // Then the other chats' oldest, by when they were due and then when they were made; chat 7 is not ready.
        Assert.All(next.Skip(1), m => Assert.Equal($"tie:{m.ChatId}", m.Id));
        Assert.Equal(Enumerable.Range(2, 600).Where(c => c != 7).Select(c => (long)c), next.Skip(1).Select(m => m.ChatId));
        Assert.Equal(701, _notifier.NextDue(now, 10_000, _ => true).Count);
        Assert.DoesNotContain(_notifier.NextDue(now.AddHours(1), 10_000, _ => true), m => m.Status != MessageStatus.Pending);
        Assert.Contains(_notifier.NextDue(now.AddHours(1), 10_000, _ => true), m => m.Id == "quiet");
    }

    [Fact]
    public void NextDue_ManagerRemovedWhileTheirNewsWaited_TheirsDroppedNeverSentTheOwnersGoes()
    {
        var bakery = _billing.Accounts.Create(new NewAccount("Bakery", "USD", 10m));
        _billing.Members.Redeem(_billing.Members.Invite(bakery.Id, Role.Manager), Manager);
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id)); // low: an alert for the owner and the manager
        _notifier.Dispatch();
        var now = _time.GetUtcNow();
        // The manager's digests, waiting: one of both accounts, one of the bakery alone.
        _store.Write(() => _notifier.Messages.InsertBulk(
        [
            new OutboxMessage { Id = "digest:both", ChatId = Manager, Text = "both", AccountIds = [_shop.Id, bakery.Id], NotBefore = now, CreatedAt = now.AddSeconds(1) },
            new OutboxMessage { Id = "digest:bakery", ChatId = Manager, Text = "bakery", AccountIds = [bakery.Id], NotBefore = now, CreatedAt = now.AddSeconds(2) },
        ]));

        _billing.Members.Remove(_shop.Id, Manager);
        var next = _notifier.NextDue(now, 10, _ => true);

        Assert.Equal([Owner, Manager], next.Select(m => m.ChatId));
        Assert.StartsWith("The balance of <b>Flower shop</b> is low", next[0].Text, StringComparison.Ordinal);
        Assert.Equal("digest:bakery", next[1].Id);
        var manager = Messages().Where(m => m.ChatId == Manager).ToList();
        Assert.Equal(MessageStatus.Dropped, Assert.Single(manager, m => m.Text.StartsWith("The balance", StringComparison.Ordinal)).Status);
        Assert.Equal(MessageStatus.Dropped, Assert.Single(manager, m => m.Id == "digest:both").Status);
        Assert.Equal(MessageStatus.Pending, Assert.Single(manager, m => m.Id == "digest:bakery").Status);
        Assert.DoesNotContain(_notifier.NextDue(now, 10, _ => true), m => m.Status == MessageStatus.Dropped || m.Id == "digest:both");
    }

    [Fact]
    public void NextDue_MessagesStoredBeforeTheQueueKey_FoundOnceTheNotifierStarts()
    {
        // A database of the previous release: its pending messages have no queue key and it has no index on one.
        var now = _time.GetUtcNow();
        _store.Write(() =>
        {
            var raw = _store.Collection<LiteDB.BsonDocument>("messages");
            raw.DropIndex(nameof(OutboxMessage.QueueKey));
            foreach (var (id, chat) in new[] { ("old:1", 1L), ("old:2", 2L) })
            {
                raw.Insert(new LiteDB.BsonDocument
                {
                    ["_id"] = id,
                    [nameof(OutboxMessage.ChatId)] = chat,
                    [nameof(OutboxMessage.Text)] = "x",
                    [nameof(OutboxMessage.Status)] = nameof(MessageStatus.Pending),
                    [nameof(OutboxMessage.NotBefore)] = now.UtcTicks,
                    [nameof(OutboxMessage.CreatedAt)] = now.UtcTicks,
                });
            }
        });
        Assert.Empty(_notifier.NextDue(now, 10, _ => true));

        var upgraded = new Notifier(_billing, Localizer.Load(), _time, Options.Create(new NotificationOptions()));

        Assert.Equal(["old:1", "old:2"], upgraded.NextDue(now, 10, _ => true).Select(m => m.Id));
        Assert.Equal(nameof(OutboxMessage.QueueKey), _store.Read(() => upgraded.Messages.Query().Where(LiteDB.BsonExpression.Create($"$.{nameof(OutboxMessage.QueueKey)} BETWEEN @0 AND @1", "", "~")).GetPlan())["index"]["name"].AsString);
    }

    [Fact]
    public void MarkUnreachable_ChatWithWaitingMessages_AllHeldAndChatMarked()
    {
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id));
        _notifier.Dispatch();

        _notifier.MarkUnreachable(Owner);

        Assert.Equal(MessageStatus.Unreachable, Messages().Single(m => m.ChatId == Owner).Status);
        Assert.Equal(MessageStatus.Pending, Messages().Single(m => m.ChatId == Manager).Status);
        var (byStatus, chats) = _notifier.Stats();
        Assert.Equal((1, 1, 1), (byStatus[MessageStatus.Unreachable], byStatus[MessageStatus.Pending], chats));
    }

    [Fact]
    public void Dispatch_GroupLinkedToTheAccount_HearsTheLowBalanceButNotTheReminders()
    {
        const long Group = -4242;
        _store.Write(() => _store.Collection<ChatSession>("chats").Upsert(new ChatSession { Id = Group, AccountId = _shop.Id }));
        _billing.Invoices.Record(new IncomingPayment("p1", 25m, AccountId: _shop.Id));
        var promise = _billing.Promises.Take(_shop.Id, 5m, "k");
        _time.SetUtcNow(new DateTimeOffset(promise.DueOn.AddDays(-1).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        _billing.Promises.Review();

        _notifier.Dispatch();

        var group = Messages().Where(m => m.ChatId == Group).Select(m => m.Text).ToList();
        Assert.Contains(group, t => t.Contains("is low", StringComparison.Ordinal));
        Assert.DoesNotContain(group, t => t.Contains("promised payment", StringComparison.Ordinal));
        Assert.Contains(Messages(), m => m.ChatId == Owner && m.Text.Contains("due tomorrow", StringComparison.Ordinal));
    }
}
