using Telegram.Bot;

namespace BillingBot.Telegram.Emulator.Tests;

/// <summary>Each test gets its own emulator on a free port and a real Telegram.Bot client pointed at it.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    protected const long ChatId = 42;

    private BotApiEmulator? _emulator;
    private TelegramBotClient? _bot;

    protected BotApiEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator starts in InitializeAsync.");

    /// <summary>A client with Telegram.Bot's own 429 retry switched off, so faults surface as they come.</summary>
    protected TelegramBotClient Bot => _bot ?? throw new InvalidOperationException("The client is made in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _emulator = await BotApiEmulator.StartAsync();
        _bot = Client(_emulator.Token);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    protected TelegramBotClient Client(string token, int? retryCount = 0)
    {
        var options = new TelegramBotClientOptions(token, baseUrl: Emulator.BaseUrl.ToString());
        if (retryCount is { } count)
        {
            options.RetryCount = count;
        }

        return new TelegramBotClient(options);
    }
}
