using BillingBot.Telegram;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Telegram;

public sealed class ChatLivenessTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Check_NeverHeardFromTelegram_NotAlive() =>
        Assert.False(new ChatLiveness(_time).Check().Alive);

    [Fact]
    public void Check_TelegramAnsweredLately_Alive()
    {
        var liveness = new ChatLiveness(_time);
        liveness.Contact();
        _time.Advance(ChatLiveness.Window - TimeSpan.FromSeconds(1));

        Assert.True(liveness.Check().Alive);
    }

    [Fact]
    public void Check_SilentLongerThanTheWindow_NotAliveWithTheLastProblem()
    {
        var liveness = new ChatLiveness(_time);
        liveness.Contact();
        liveness.Problem("Telegram is not reachable: HttpRequestException");
        _time.Advance(ChatLiveness.Window + TimeSpan.FromSeconds(1));

        Assert.Equal((false, "Telegram is not reachable: HttpRequestException"), liveness.Check());
    }

    [Fact]
    public void Check_ConsoleChat_AlwaysAlive()
    {
        var liveness = new ChatLiveness(_time);
        liveness.AlwaysAlive();
        _time.Advance(TimeSpan.FromDays(1));

        Assert.True(liveness.Check().Alive);
    }
}
