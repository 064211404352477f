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
        var (batches, later) = await WrittenBehindABatch(5, maxBatch: 100, i => i == 3 ? new Outcome<int>(new InvalidOperationException("three is refused")) : new Outcome<int>(i * 10));

        var written = await Task.WhenAll(later[0], later[1], later[3], later[4]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => later[2]);
        Assert.Equal([10, 20, 40, 50], written.AsEnumerable());
        Assert.Equal([[0], [1, 2, 3, 4, 5]], batches);
    }

    [Fact]
    public async Task Batch_LargerThanTheBound_WrittenInBatchesOfAtMostIt()
    {
        var (batches, later) = await WrittenBehindABatch(10, maxBatch: 4, i => new Outcome<int>(i));

        Assert.Equal(Enumerable.Range(1, 10), await Task.WhenAll(later));
        Assert.Equal([1, 4, 4, 2], batches.Select(b => b.Length));
    }

    /// <summary>
    /// Item 0 is written first, and while its batch is held, items 1 … <paramref name="count"/> are queued; returns the
    /// batches written (once all are) and the later items' tasks.
    /// </summary>
    private static async Task<(int[][] Batches, List<Task<int>> Later)> WrittenBehindABatch(int count, int maxBatch, Func<int, Outcome<int>> answer)
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

            return [.. items.Select(answer)];
        }, maxBatch);

        var first = commit.WriteAsync(0);
        Assert.True(writing.Wait(Bound));
        var later = Enumerable.Range(1, count).Select(commit.WriteAsync).ToList();
        release.Set();

        Assert.Equal(0, await first);
        await Task.WhenAll(later.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        return (batches.ToArray(), later);
    }
}
