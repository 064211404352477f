using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using BillingBot.Billing;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Members;
using BillingBot.Billing.Storage;
using BillingBot.Chat;
using BillingBot.Dialogs;
using BillingBot.Localization;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Dialogs;

/// <summary>
/// The real chat engine over a temp LiteDB file and a fake clock, with private chats of users typing and pressing buttons.
/// In a private chat the chat id is the user id.
/// </summary>
internal sealed class ChatFixture : IDisposable
{
    /// <summary>The owner most tests talk as.</summary>
    public const long Owner = 1001;

    /// <summary>29 September 2022, the day of PRODUCT example 3.</summary>
    public static readonly DateTimeOffset Start = new(2022, 9, 29, 10, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Localizer> SharedTexts = new(() => Localizer.Load());

    private readonly Dictionary<long, string?> _languageCodes = [];
    private long _lastUpdateId;
    private int _payments;

    public ChatFixture(DateTimeOffset? start = null)
    {
        Directory.CreateDirectory(Folder);
        Time = new FakeTimeProvider(start ?? Start);
        Open();
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "billingbot-dialog-tests", Guid.NewGuid().ToString("N"));
    public string DbPath => Path.Combine(Folder, "billing.db");
    public FakeTimeProvider Time { get; }
    public BillingSettings Settings { get; } = new();
    public DialogOptions Options { get; } = new();
    public BillingStore Store { get; private set; }
    public BillingService Billing { get; private set; }
    public ChatEngine Engine { get; private set; }
    public RecordingOutput Output { get; } = new();
    public static Localizer Texts => SharedTexts.Value;

    public Account CreateAccount(string name = "Flower shop", string currency = "USD", decimal tariff = 3.33m) =>
        Billing.Accounts.Create(new NewAccount(name, currency, tariff));

    public string Invite(int accountId, Role role = Role.Owner) => Billing.Members.Invite(accountId, role);

    /// <summary>Links <paramref name="user"/>'s chat the way a person does: <c>/start CODE</c>.</summary>
    public Task<Screen> Link(int accountId, Role role = Role.Owner, long user = Owner) => Send("/start " + Invite(accountId, role), user);

    /// <summary>Makes <paramref name="user"/> a member without a word in the chat (as if linked from another chat).</summary>
    public void Join(int accountId, long user = Owner, Role role = Role.Owner) => Billing.Members.Redeem(Invite(accountId, role), user);

    /// <summary>A bank transfer straight to the account.</summary>
    public void Pay(int accountId, decimal amount) =>
        Billing.Invoices.Record(new IncomingPayment($"bank-{++_payments}", amount, AccountId: accountId));

    /// <summary>An invoice issued and paid in full, so the account has paid at least one invoice.</summary>
    public Invoice PayInvoice(int accountId, decimal amount)
    {
        var invoice = Billing.Invoices.Issue(accountId, amount, $"setup-{++_payments}");
        Billing.Invoices.Record(new IncomingPayment($"bank-{_payments}", amount, InvoiceNumber: invoice.Number));
        return Billing.Invoices.Get(invoice.Number);
    }

    /// <summary>Posts daily service charges for the days just before today, oldest first.</summary>
    public void ChargeLastDays(int accountId, params decimal[] amounts)
    {
        var today = DateOnly.FromDateTime(Time.GetUtcNow().UtcDateTime);
        for (var i = 0; i < amounts.Length; i++)
        {
            Billing.Charges.Post(accountId, today.AddDays(i - amounts.Length), amounts[i]);
        }
    }

    /// <summary>The <c>language_code</c> Telegram sends with <paramref name="user"/>'s updates (default <c>en</c>).</summary>
    public void SetLanguageCode(long user, string? code) => _languageCodes[user] = code;

    public long NextUpdateId() => ++_lastUpdateId;

    /// <summary>The user types <paramref name="text"/> in their private chat, or in <paramref name="chat"/>; returns the screen the chat shows last.</summary>
    public async Task<Screen> Send(string text, long user = Owner, long? updateId = null, long? chat = null)
    {
        var chatId = chat ?? user;
        await Engine.HandleAsync(new Incoming(updateId ?? NextUpdateId(), chatId, user, LanguageCode(user), Text: text), Output, CancellationToken.None);
        return LastScreen(chatId);
    }

    /// <summary>
    /// The user presses a button with <paramref name="data"/> under the chat's last message, or under <paramref name="messageId"/>
    /// (whether or not that message shows it, so a test can forge one); the press must be answered exactly once.
    /// </summary>
    public async Task<Screen> Press(string data, long user = Owner, long? updateId = null, int? messageId = null)
    {
        var id = updateId ?? NextUpdateId();
        var callbackId = $"cb{id}";
        messageId ??= Output.ShownIn(user).LastOrDefault()?.MessageId;
        await Engine.HandleAsync(new Incoming(id, user, user, LanguageCode(user), Callback: data, CallbackId: callbackId, MessageId: messageId), Output, CancellationToken.None);
        Assert.Single(Output.Answers, a => a.CallbackId == callbackId);
        return LastScreen(user);
    }

    /// <summary>The note the last answered callback carried (shown as a toast in Telegram).</summary>
    public string? LastAnswerNote => Output.Answers[^1].Note;

    public Screen LastScreen(long chat = Owner) => Output.ShownIn(chat).Last().Screen;

    public Shown LastShown(long chat = Owner) => Output.ShownIn(chat).Last();

    /// <summary>The callback data of the last screen's buttons, row by row (link buttons left out).</summary>
    public IReadOnlyList<string> ButtonsData(long chat = Owner) =>
        LastScreen(chat).Buttons.SelectMany(row => row).Where(b => b.Data is not null).Select(b => b.Data!).ToList();

    public Button ButtonWith(string data, long chat = Owner) =>
        LastScreen(chat).Buttons.SelectMany(row => row).Single(b => b.Data == data);

    public ChatSession Session(long chat = Owner) => Engine.Session(chat) ?? throw new InvalidOperationException($"Chat {chat} has no session.");

    /// <summary>A chat text in English, as the engine renders it (values escaped).</summary>
    public static string Text(string key, params (string Name, object? Value)[] args) => TextIn("en", key, args);

    public static string TextIn(string language, string key, params (string Name, object? Value)[] args) =>
        new ChatText(Texts, language)[key, args];

    public static ChatText ChatText(string language) => new(Texts, language);

    public static decimal Decimal(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    /// <summary>A restart: the engine and the store are thrown away and opened again on the same file.</summary>
    public void Restart()
    {
        Engine.Dispose();
        Store.Dispose();
        Open();
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [MemberNotNull(nameof(Store), nameof(Billing), nameof(Engine))]
    private void Open()
    {
        Store = new BillingStore(DbPath);
        Billing = new BillingService(Store, Time, Settings);
        Engine = new ChatEngine(Billing, new BillingBot.Documents.DocumentService(Billing, Texts, Time, Microsoft.Extensions.Options.Options.Create(new BillingBot.Documents.DocumentOptions())), Texts, Time, Microsoft.Extensions.Options.Options.Create(Options));
    }

    private string? LanguageCode(long user) => _languageCodes.TryGetValue(user, out var code) ? code : "en";
}
