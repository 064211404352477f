using BillingBot.Notifications;
using Microsoft.Extensions.Time.Testing;

namespace BillingBot.Tests.Notifications;

public sealed class SendPacerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Reserve_ThirtyAPerSecondOverall_EvenlySpacedJustUnderTheLimit()
    {
        var pacer = new SendPacer(new NotificationOptions { GlobalPerSecond = 30 }, _time);

        var waits = Enumerable.Range(1, 4).Select(chat => pacer.Reserve(chat)).ToList();

        var slot = TimeSpan.FromSeconds(1.0 / (30 * SendPacer.Margin));
        Assert.Equal([TimeSpan.Zero, slot, slot * 2, slot * 3], waits, new TicksApart(10));
    }

    /// <summary>Equal within a few ticks: slots add up in ticks, the expected values multiply.</summary>
    private sealed class TicksApart(long ticks) : IEqualityComparer<TimeSpan>
    {
        public bool Equals(TimeSpan x, TimeSpan y) => Math.Abs(x.Ticks - y.Ticks) <= ticks;

        public int GetHashCode(TimeSpan obj) => 0;
    }

    [Fact]
    public void Reserve_SamePrivateChatTwice_ASecondApart()
    {
        var pacer = new SendPacer(new NotificationOptions(), _time);

        pacer.Reserve(1);

        Assert.False(pacer.IsChatReady(1));
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve(1));
    }

    [Fact]
    public void Reserve_Group_TwentyAMinute()
    {
        var pacer = new SendPacer(new NotificationOptions(), _time);

        pacer.Reserve(-100);

        Assert.False(pacer.IsChatReady(-100));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(pacer.IsChatReady(-100));
    }

    [Fact]
    public void Pause_RetryAfter_EveryChatWaitsExactlyThatLong()
    {
        var pacer = new SendPacer(new NotificationOptions(), _time);

        pacer.Pause(TimeSpan.FromSeconds(7));

        Assert.Equal(TimeSpan.FromSeconds(7), pacer.Reserve(5));
        Assert.True(pacer.Reserve(6) > TimeSpan.FromSeconds(7));
    }
}
