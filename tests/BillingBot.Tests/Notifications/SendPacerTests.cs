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

        var waits = Enumerable.Range(1, 10).Select(chat => pacer.Reserve(chat)).ToList();

        var slot = TimeSpan.FromSeconds(1.0 / (30 * SendPacer.Margin));
        Assert.Equal(Enumerable.Repeat(slot, 9), waits.Zip(waits.Skip(1), (a, b) => b - a), new TicksApart(10));
        Assert.Equal(slot * 9, waits[^1] + SendPacer.MaxEarly + SendPacer.CatchUp, new TicksApart(10));
    }

    [Fact]
    public void Reserve_AfterABusyMoment_MakesUpTheMissedSlotsButNoMoreThanCatchUp()
    {
        var pacer = new SendPacer(new NotificationOptions { GlobalPerSecond = 1_000 }, _time);
        pacer.Reserve(1);

        _time.Advance(TimeSpan.FromSeconds(1));
        var atOnce = Enumerable.Range(2, 1_000).TakeWhile(chat => pacer.Reserve(chat) <= TimeSpan.Zero).Count();

        // A hundred milliseconds at 990 a second, and the ten the spacing may go early.
        Assert.InRange(atOnce, 105, 110);
    }

    [Fact]
    public void Reserve_LimitsSendsAnsweredWithinTheLastSecond_HoweverTheyWereSpaced()
    {
        var pacer = new SendPacer(new NotificationOptions { GlobalPerSecond = 3 }, _time);
        for (var chat = 1; chat <= 3; chat++)
        {
            _time.Advance(TimeSpan.FromTicks(Math.Max(0, pacer.Reserve(chat).Ticks)));
            pacer.Sent();
        }

        _time.Advance(TimeSpan.FromMilliseconds(300));
        pacer.Answered();
        var firstAnswered = _time.GetUtcNow();
        pacer.Answered();
        pacer.Answered();

        Assert.Equal(firstAnswered + TimeSpan.FromMilliseconds(1_005), _time.GetUtcNow() + pacer.Reserve(4));
    }

    [Fact]
    public void Reserve_SendsStillOnTheirWay_CountAsArrivingWithinTheSecond()
    {
        var pacer = new SendPacer(new NotificationOptions { GlobalPerSecond = 2 }, _time);
        pacer.Reserve(1);
        pacer.Sent();
        _time.Advance(TimeSpan.FromSeconds(5));
        pacer.Reserve(2);
        pacer.Sent();
        _time.Advance(TimeSpan.FromSeconds(5));

        // Both unanswered after seconds: they may yet arrive together, and a third would make three in that second.
        Assert.True(pacer.Reserve(3) >= TimeSpan.FromSeconds(1));
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
