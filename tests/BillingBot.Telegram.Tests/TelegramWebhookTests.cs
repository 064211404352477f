using System.Net;
using System.Text;
using System.Text.Json;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace BillingBot.Telegram.Tests;

/// <summary>Webhook mode: the bot sets its webhook, and takes updates posted to it only with the secret token.</summary>
public sealed class TelegramWebhookTests : BotTest
{
    private const string Secret = "telegram-webhook-secret";
    private static readonly HttpClient Http = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RestartAsync(settings:
        [
            new("Telegram:Mode", "Webhook"),
            new("Telegram:WebhookUrl", "https://bot.example.com/telegram/webhook"),
            new("Telegram:WebhookSecret", Secret),
        ]);
    }

    [Fact]
    public async Task Start_SetsTheWebhookWithItsSecret()
    {
        for (var tries = 0; Emulator.Webhook is null && tries < 50; tries++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(new BillingBot.Telegram.Emulator.WebhookSetting("https://bot.example.com/telegram/webhook", Secret), Emulator.Webhook);
    }

    [Fact]
    public async Task Post_RightSecret_TheUpdateIsAnswered()
    {
        var response = await PostAsync(Update(1, 9009, "/start"), Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(Emulator.Messages(9009));
    }

    [Fact]
    public async Task Post_WrongOrMissingSecret_401AndNothingHandled()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Update(2, 9010, "/start"), "guess")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Update(3, 9010, "/start"), null)).StatusCode);

        Assert.Empty(Emulator.Messages(9010));
    }

    [Fact]
    public async Task Post_UpdateOf40Megabytes_413AndLoggedAsARefusedRequest()
    {
        try
        {
            var response = await PostAsync(Update(4, 9011, new string('x', 40 * 1024 * 1024)), Secret);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The bot answered 413 and closed the connection before all 40 MB were sent.
        }

        for (var tries = 0; !Bot.Logs.Lines.Any(l => l.Contains("its body is over", StringComparison.Ordinal)) && tries < 50; tries++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(Bot.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("its body is over", StringComparison.Ordinal));
        Assert.DoesNotContain(Bot.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.Empty(Emulator.Messages(9011));
    }

    private static string Update(int id, long chat, string text) => JsonSerializer.Serialize(new Update
    {
        Id = id,
        Message = new Message
        {
            Id = 1,
            Date = new DateTime(2022, 9, 29, 8, 0, 0, DateTimeKind.Utc),
            Chat = new global::Telegram.Bot.Types.Chat { Id = chat, Type = global::Telegram.Bot.Types.Enums.ChatType.Private },
            From = new User { Id = chat, FirstName = "Webhook", LanguageCode = "en" },
            Text = text,
        },
    }, JsonBotAPI.Options);

    private async Task<HttpResponseMessage> PostAsync(string json, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Bot.HttpAddress, "/telegram/webhook"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return await Http.SendAsync(request);
    }
}
