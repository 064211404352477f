using System.Text.Json;
using BillingBot.Admin;
using BillingBot.Billing;
using BillingBot.Billing.Storage;
using BillingBot.Dialogs;
using BillingBot.Hosting;
using BillingBot.Notifications;
using BillingBot.Telegram;
using BillingBot.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BillingBot.Tests.Hosting;

public sealed class BillingHostTests
{
    [Fact]
    public void AddBilling_NoConfiguration_UsesTheDefaults()
    {
        using var host = Build([]);

        var settings = host.Services.GetRequiredService<BillingSettings>();
        Assert.Equal("https://pay.example.com/bill/{number}", settings.Payments.InvoiceUrlTemplate);
        Assert.Equal(7, settings.PromisedPayments.TermDays);
        Assert.Equal("data/billingbot.db", host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Path);
        Assert.Same(TimeProvider.System, host.Services.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddBilling_CommandLineAndOverrides_AreBound()
    {
        using var host = Build(["--Invoices:MinAmount=5", "--PromisedPayments:TermDays", "10"], ("Storage:Path", "elsewhere.db"));

        var settings = host.Services.GetRequiredService<BillingSettings>();
        Assert.Equal(5m, settings.Invoices.MinAmount);
        Assert.Equal(10, settings.PromisedPayments.TermDays);
        Assert.Equal("elsewhere.db", host.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Path);
    }

    [Theory]
    [InlineData("Accounts:MaxAmount", "0", "MaxAmount")]
    [InlineData("Accounts:MaxAmount", "lots", "Accounts:MaxAmount")]
    [InlineData("Accounts:DefaultTimeZone", "Mars/Base", "Accounts:DefaultTimeZone")]
    [InlineData("Accounts:InvitationLifetime", "soon", "Accounts:InvitationLifetime")]
    [InlineData("Invoices:MinAmount", "2000000", "Invoices:MinAmount")]
    [InlineData("Payments:InvoiceUrlTemplate", "ftp://pay.example.com/", "Payments:InvoiceUrlTemplate")]
    [InlineData("PromisedPayments:TermDays", "0", "TermDays")]
    [InlineData("Storage:Path", "", "Path")]
    public void Validate_BadValue_OneLineNamingTheSetting(string key, string value, string named)
    {
        using var host = Build([], (key, value));

        var error = Record.Exception(() => ConfigurationErrors.Validate(host.Services));

        var reason = ConfigurationErrors.Describe(Assert.IsAssignableFrom<Exception>(error));
        Assert.NotNull(reason);
        Assert.Contains(named, reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ConfigurationErrors.Line(reason));
    }

    [Theory]
    [InlineData("Telegram:Token", "not a token", "Telegram:Token")]
    [InlineData("Telegram:BaseUrl", "not a url", "Telegram:BaseUrl")]
    [InlineData("Dialogs:IdleTimeout", "00:00:01", "IdleTimeout")]
    public void Validate_BadChatValue_OneLineNamingTheSetting(string key, string value, string named)
    {
        using var host = BuildWithChat((key, value));

        var error = Record.Exception(() => ConfigurationErrors.Validate(host.Services));

        var reason = ConfigurationErrors.Describe(Assert.IsAssignableFrom<Exception>(error));
        Assert.Contains(named, reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ConfigurationErrors.Line(reason!));
    }

    [Fact]
    public void ExampleSettings_EveryOption_IsListedAndValid()
    {
        var example = Repository.PathOf("appsettings.example.json");
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(JsonDocument.Parse(File.ReadAllText(example)).RootElement, "", keys);

        foreach (var (section, type) in new[]
        {
            (AccountOptions.Section, typeof(AccountOptions)),
            (InvoiceOptions.Section, typeof(InvoiceOptions)),
            (PaymentOptions.Section, typeof(PaymentOptions)),
            (PromisedPaymentOptions.Section, typeof(PromisedPaymentOptions)),
            (StorageOptions.Section, typeof(StorageOptions)),
            (TelegramOptions.Section, typeof(TelegramOptions)),
            (DialogOptions.Section, typeof(DialogOptions)),
            (NotificationOptions.Section, typeof(NotificationOptions)),
            (BillingBot.Admin.AdminOptions.Section, typeof(BillingBot.Admin.AdminOptions)),
            (BillingBot.Documents.DocumentOptions.Section, typeof(BillingBot.Documents.DocumentOptions)),
        })
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                // A list is listed as its items, "Telegram:AdminIds:0".
                Assert.True(keys.Keys.Any(k => k == $"{section}:{property.Name}" || k.StartsWith($"{section}:{property.Name}:", StringComparison.OrdinalIgnoreCase)), $"appsettings.example.json lacks {section}:{property.Name}");
            }
        }

        Assert.True(keys.ContainsKey("Telegram:Token"));

        // The example is a real bot's settings, whose token the operator fills in (without one only the demo runs).
        keys["Telegram:Token"] = "123456:TEST-token";
        using var host = BuildWithChat([.. keys.Select(k => (k.Key, k.Value))]);
        ConfigurationErrors.Validate(host.Services);
    }

    [Fact]
    public async Task Bot_AdminIds_AreTheChatsOperators()
    {
        await using var bot = BuildWithChat(("Telegram:Token", "123456:TEST-token"), ("Telegram:AdminIds:0", "9009"), ("Telegram:AdminIds:1", "9010"), ("Storage:Path", Path.Combine(Path.GetTempPath(), "billingbot-host-tests", Guid.NewGuid().ToString("N"), "b.db")));

        Assert.Equal([9009L, 9010L], bot.Services.GetRequiredService<IOptions<DialogOptions>>().Value.Operators);
    }

    [Fact]
    public async Task Program_NoTokenAndStandardInputClosed_ConsoleChatSaysHowToConnectAndExitsZero()
    {
        using var folder = new CliFixture();

        var run = await ChildProcess.RunAsync(folder.Folder, []);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("BillingBot__Telegram__Token", run.Output, StringComparison.Ordinal);
        Assert.Contains("Which account?", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Folder, "data", "demo.db")));
    }

    [Theory]
    [InlineData("BillingBot__Payments__WebhookSecret", "a-real-secret")]
    [InlineData("BillingBot__Storage__Path", "data/billing.db")]
    public async Task Program_NoTokenButARealBotsSetting_RefusedInOneLine_TheDemoNeverStarted(string setting, string value)
    {
        using var folder = new CliFixture();

        var run = await ChildProcess.RunAsync(folder.Folder, [], new Dictionary<string, string> { [setting] = value });

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.StartsWith("Configuration error:", run.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("Telegram:Token", run.ErrorLine, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("Which account?", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Folder, "data", "demo.db")));
        Assert.False(File.Exists(Path.Combine(folder.Folder, "data", "billing.db")));
    }

    [Fact]
    public async Task Program_HeadlessByName_NoToken_TakesPaymentsIntoTheConfiguredDatabase_AndRunsOnWithItsInputClosed()
    {
        using var folder = new CliFixture();
        // No tariff: the bot's daily accrual runs on the real clock, years after the fixture's day.
        var shop = folder.CreateAccount(tariff: "0", name: "Flower shop");
        int httpPort;
        using (Listening(out httpPort))
        {
            // A free port, given back for the bot to take.
        }

        var environment = new Dictionary<string, string>
        {
            ["BillingBot__Telegram__Mode"] = "Headless",
            ["BillingBot__Storage__Path"] = folder.DbPath,
            ["BillingBot__Payments__WebhookSecret"] = "headless-secret",
            ["BillingBot__Http__Urls"] = $"http://127.0.0.1:{httpPort}",
        };
        using var bot = ChildProcess.Start(folder.Folder, [], environment);
        // As under a service manager: nothing on standard input, which is not a chat here.
        bot.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var http = new HttpClient();
        // Up once both of its listeners are: the operator API (its endpoint file) and the webhook's (health answers).
        while (BotEndpoint.Read(folder.DbPath)?.ProcessId != bot.Id || !await AnswersAsync(http, $"http://127.0.0.1:{httpPort}/healthz"))
        {
            Assert.False(bot.HasExited, "the bot stopped: " + (bot.HasExited ? await bot.StandardError.ReadToEndAsync() : ""));
            await Task.Delay(20, timeout.Token);
        }

        var body = System.Text.Encoding.UTF8.GetBytes($"{{\"payment_id\":\"sa-headless\",\"account_id\":{shop},\"amount\":5,\"currency\":\"USD\"}}");
        using var content = new System.Net.Http.ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{httpPort}{Payments.PaymentWebhook.Path}") { Content = content };
        request.Headers.Add(Payments.PaymentWebhook.SignatureHeader, Payments.PaymentWebhook.Sign("headless-secret", body));
        var answer = await http.SendAsync(request, timeout.Token);

        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync(timeout.Token));
        Assert.False(bot.HasExited, "the bot stopped when its input closed");
        // Through the bot's operator API: the money is on the configured database's shop.
        var shown = folder.Run("accounts", "show", shop.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(shown.ExitCode == 0, shown.Error);
        Assert.Equal(5m, JsonDocument.Parse(shown.Output).RootElement.GetProperty("account").GetProperty("balance").GetDecimal());
        Assert.False(Directory.Exists(Path.Combine(folder.Folder, "data")), "the demo's database was made");

        using (var stop = System.Diagnostics.Process.Start("kill", ["-TERM", bot.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync(timeout.Token);
        }

        await bot.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, bot.ExitCode);
        Assert.Equal(5m, folder.WithBilling(b => b.Accounts.Get(shop).Balance));
    }

    [SkippableFact]
    public async Task Program_DatabaseOnAReadOnlyDisk_OneLineExitCodeThree_NoCrash()
    {
        using var folder = new CliFixture();
        using var disk = SmallDisk.Mount(1024 * 1024);
        var path = Path.Combine(disk.Folder, "billing.db");
        new BillingStore(path).Dispose();
        disk.MakeReadOnly();
        using var telegram = Listening(out var telegramPort);

        var run = await ChildProcess.RunAsync(folder.Folder, [], WithToken(telegramPort, ("BillingBot__Storage__Path", path)));

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.Contains($"{path} cannot be opened for reading and writing", run.ErrorLine, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(telegram.Pending(), "the bot called Telegram before its start was refused");
    }

    [Fact]
    public async Task Program_NotADatabaseAtStoragePath_OneLineExitCodeThree_TheFileLeftAsItWas()
    {
        using var folder = new CliFixture();
        var path = folder.PathOf("customers.csv");
        await File.WriteAllTextAsync(path, "name,currency\nShop,USD\n");
        using var telegram = Listening(out var telegramPort);

        var run = await ChildProcess.RunAsync(folder.Folder, [], WithToken(telegramPort, ("BillingBot__Storage__Path", path)));

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.Contains("is not a BillingBot database", run.ErrorLine, StringComparison.Ordinal);
        Assert.Equal("name,currency\nShop,USD\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task Program_DamagedDatabaseAtStoragePath_OneLineNamingItExitCodeThree_TheFileLeftAsItWas()
    {
        using var folder = new CliFixture();
        var path = folder.DbPath;
        folder.CreateAccount(name: "Flower shop");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            // A page overwritten with what is not a page.
            file.Position = StoreFile.PageSize;
            file.Write(Enumerable.Repeat((byte)0xA5, 64).ToArray());
        }

        var before = await File.ReadAllBytesAsync(path);
        using var telegram = Listening(out var telegramPort);

        var run = await ChildProcess.RunAsync(folder.Folder, [], WithToken(telegramPort, ("BillingBot__Storage__Path", path)));

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.StartsWith($"{path} is damaged: page 1 of ", run.ErrorLine, StringComparison.Ordinal);
        Assert.EndsWith("It was left as it is and the bot did not start: restore the latest backup over it, or set Storage:Path to another database.", run.ErrorLine, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.False(telegram.Pending(), "the bot called Telegram before its start was refused");
    }

    [Fact]
    public async Task Program_BadEnvironmentSetting_OneLineAndExitCodeThree()
    {
        using var folder = new CliFixture();

        var run = await ChildProcess.RunAsync(folder.Folder, [], new Dictionary<string, string> { ["BillingBot__PromisedPayments__MaxPerMonth"] = "100" });

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.StartsWith("Configuration error:", run.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("MaxPerMonth", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_OperatorApiAddressTaken_OneLineExitCodeThreeAndNothingStarted()
    {
        using var folder = new CliFixture();
        using var taken = Listening(out var port);

        var run = await ChildProcess.RunAsync(folder.Folder, [], new Dictionary<string, string> { ["BillingBot__Admin__Urls"] = $"http://127.0.0.1:{port}" });

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.StartsWith("Configuration error:", run.ErrorLine, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", run.ErrorLine, StringComparison.Ordinal);
        // Nothing else: no stack trace, no log of services that ran meanwhile, no chat started.
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("fail:", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Which account?", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_WithATokenAndItsHttpAddressTaken_OneLineExitCodeThreeAndTelegramNeverAsked()
    {
        using var folder = new CliFixture();
        using var taken = Listening(out var port);
        // Telegram stand-in: a port that takes connections and never answers, so a call made would hang until the stop.
        using var telegram = Listening(out var telegramPort);

        var run = await ChildProcess.RunAsync(folder.Folder, [], WithToken(telegramPort, ("BillingBot__Http__Urls", $"http://127.0.0.1:{port}")));

        Assert.Equal(ConfigurationErrors.ExitCode, run.ExitCode);
        Assert.Contains($"127.0.0.1:{port}", run.ErrorLine, StringComparison.Ordinal);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", run.Output.Trim());
        Assert.False(telegram.Pending(), "the bot called Telegram before its start was refused");
    }

    [Fact]
    public async Task Program_StoragePathFromEnvironment_IsWhereCommandsWrite()
    {
        using var folder = new CliFixture();
        var path = folder.PathOf("from-env.db");

        var run = await ChildProcess.RunAsync(folder.Folder, ["accounts", "create", "--name", "Shop", "--currency", "USD", "--tariff", "1"], new Dictionary<string, string> { ["BillingBot__Storage__Path"] = path });

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Program_AppSettingsInWorkingDirectory_IsRead()
    {
        using var folder = new CliFixture();
        await File.WriteAllTextAsync(folder.PathOf("appsettings.json"), """{ "Storage": { "Path": "from-file.db" }, "Payments": { "InvoiceUrlTemplate": "https://bank.example/i/{number}" } }""");
        await ChildProcess.RunAsync(folder.Folder, ["accounts", "create", "--name", "Shop", "--currency", "USD", "--tariff", "1"]);

        var run = await ChildProcess.RunAsync(folder.Folder, ["invoices", "issue", "1", "--amount", "10", "--json"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(folder.PathOf("from-file.db")));
        Assert.StartsWith("https://bank.example/i/", JsonDocument.Parse(run.Output).RootElement.GetProperty("paymentLink").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A bot's environment with a token, its Telegram the stand-in at <paramref name="telegramPort"/>, and <paramref name="more"/>.</summary>
    private static Dictionary<string, string> WithToken(int telegramPort, params (string Key, string Value)[] more) => new(more.Select(m => KeyValuePair.Create(m.Key, m.Value)))
    {
        ["BillingBot__Telegram__Token"] = "123456:TEST-token",
        ["BillingBot__Telegram__BaseUrl"] = $"http://127.0.0.1:{telegramPort}/",
    };

    private static async Task<bool> AnswersAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>A loopback port taken by a listener of the test's own.</summary>
    private static System.Net.Sockets.TcpListener Listening(out int port)
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        return listener;
    }

    private static WebApplication BuildWithChat(params (string Key, string? Value)[] overrides) =>
        BillingHost.CreateBotBuilder([], overrides.Select(o => KeyValuePair.Create(o.Key, o.Value))).BuildBot();

    private static IHost Build(string[] args, params (string Key, string? Value)[] overrides)
    {
        var builder = BillingHost.CreateBuilder(args, overrides.Select(o => KeyValuePair.Create(o.Key, o.Value)));
        builder.AddBilling();
        return builder.Build();
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> into)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", into);
            }
        }
        else
        {
            into[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        }
    }
}
