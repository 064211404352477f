using System.Collections.Concurrent;
using BillingBot.Billing.Storage;

namespace BillingBot.Billing.Tests.Storage;

/// <summary>Group commit: what is queued while a batch is written is written together next, each caller answered with its own outcome.</summary>
public sealed class GroupCommitTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Items_QueuedWhileABatchIsWritten_WrittenTogetherNextEachAnsweredItsOwn()
    {
        var batches = new ConcurrentQueue<int[]>();
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var commit = new GroupCommit<int, int>(items =>
        {
            batches.Enqueue([.. items]);
            if (items[0] == 0)
            {
                writing.Set();
                Assert.True(release.Wait(Bound));
            }

            return [.. items.Select(i => i == 3 ? new Outcome<int>(new InvalidOperationException("three is refused")) : new Outcome<int>(i * 10))];
        }, maxBatch: 100);

        var first = commit.WriteAsync(0);
        Assert.True(writing.Wait(Bound));
        var later = Enumerable.Range(1, 5).Select(commit.WriteAsync).ToList();
        release.Set();

        Assert.Equal(0, await first);
        var written = await Task.WhenAll(later[0], later[1], later[3], later[4]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => later[2]);
        Assert.Equal([10, 20, 40, 50], written.AsEnumerable());
        Assert.Equal([[0], [1, 2, 3, 4, 5]], batches.ToArray());
    }

    [Fact]
    public async Task Batch_LargerThanTheBound_WrittenInBatchesOfAtMostIt()
    {
        var batches = new ConcurrentQueue<int>();
        using var writing = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var commit = new GroupCommit<int, int>(items =>
        {
            batches.Enqueue(items.Count);
            if (items[0] == 0)
            {
                writing.Set();
                Assert.True(release.Wait(Bound));
            }

            return [.. items.Select(i => new Outcome<int>(i))];
        }, maxBatch: 4);

        var first = commit.WriteAsync(0);
        Assert.True(writing.Wait(Bound));
        var later = Enumerable.Range(1, 10).Select(commit.WriteAsync).ToList();
        release.Set();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 10), await Task.WhenAll(later));
        Assert.Equal([1, 4, 4, 2], batches.ToArray());
    }
}
