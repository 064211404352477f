using BillingBot.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Notifications;

public sealed class SendPacerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void WaitFor_ThirtyAPerSecondOverall_EvenlySpaced()
    {
        var pacer = new SendPacer(new NotificationOptions { GlobalPerSecond = 30 }, _time);

        pacer.Sent(1);

        Assert.Equal(TimeSpan.FromSeconds(1.0 / 30), pacer.WaitFor(2));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.WaitFor(1));
    }

    [Fact]
    public void WaitFor_Group_TwentyAMinute()
    {
        var pacer = new SendPacer(new NotificationOptions(), _time);

        pacer.Sent(-100);

        Assert.Equal(TimeSpan.FromSeconds(3), pacer.WaitFor(-100));
        Assert.False(pacer.IsChatReady(-100));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(pacer.IsChatReady(-100));
    }

    [Fact]
    public void Pause_RetryAfter_EveryChatWaitsExactlyThatLong()
    {
        var pacer = new SendPacer(new NotificationOptions(), _time);

        pacer.Pause(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), pacer.WaitFor(5));
        Assert.Equal(TimeSpan.FromSeconds(7), pacer.WaitFor(6));
    }
}
