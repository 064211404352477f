using System.Collections;
using System.Globalization;
using System.Runtime.ExceptionServices;
using BillingBot.Billing.Accounts;
using BillingBot.Billing.Agency;
using BillingBot.Billing.Events;
using BillingBot.Billing.Invoices;
using BillingBot.Billing.Ledger;
using BillingBot.Billing.Members;
using BillingBot.Billing.PromisedPayments;
using LiteDB;

namespace BillingBot.Billing.Storage;

/// <summary>
/// The one LiteDB file of the process, opened in direct mode and owned for the store's whole life: a second opener, in
/// this process or another, is refused with <see cref="StoreInUseException"/> (operator commands reach a running bot
/// through its API instead).
/// </summary>
public sealed class BillingStore : IDisposable
{
    // LiteDB transactions belong to a thread: one gate per process keeps every unit of work whole and in order.
    private readonly Lock _gate = new();

    /// <summary>A transaction is running; only its thread, which holds the gate, can see this true.</summary>
    private bool _open;

    /// <summary>The running transaction is a batch of <see cref="WriteAll{T}"/>: a nested <see cref="Write{T}"/> joins it.</summary>
    private bool _batch;

    /// <summary>What a joined <see cref="Write{T}"/> threw: its unit failed, even if the unit caught it, for its partial work cannot be undone alone.</summary>
    private Exception? _joinedFailure;
    private readonly LiteDatabase _db;
    private readonly StoreEngine _engine;

    /// <summary>How many write transactions were committed; the number of each is what <see cref="WaitDurable"/> waits for.</summary>
    private long _commits;

    /// <summary>Guards the flush of the log (<see cref="WaitDurable"/>) and the three fields below; never taken before the gate.</summary>
    private readonly object _flushing = new();
    private bool _flushRunning;

    /// <summary>Commits up to this number are on the disk.</summary>
    private long _flushed;

    /// <summary>The commits after the first number up to the second were not flushed when a fault closed the file: they are not known to be kept.</summary>
    private long _lostFrom, _lostUpTo;

    /// <summary>Why the store last failed to read or write, until a write is made durable again; null while all is well.</summary>
    private volatile StoreFaultState? _fault;

    /// <summary>How many transactions have begun: tells a cache of what one transaction read that another has begun.</summary>
    private long _transactions;

    private long _writesBegun;

    /// <summary>What the running transaction asked to be done once it is committed (nothing if it is rolled back).</summary>
    private readonly List<Action> _afterCommit = [];
    private readonly StoreLock _owner;

    public BillingStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        // Before the lock file is made beside it: some other file is refused having touched nothing.
        StoreFile.RequireDatabaseOrNothing(Path);
        _owner = StoreLock.Take(Path);
        try
        {
            // Checked while owned, so no other process is writing it meanwhile.
            StoreFile.Verify(Path);
            CompareKeysExactly(Path);
            _engine = new StoreEngine(Path, Exact);
            _db = new LiteDatabase(_engine, CreateMapper());
        }
        catch
        {
            _owner.Dispose();
            throw;
        }

        Accounts = _db.GetCollection<Account>("accounts");
        Entries = _db.GetCollection<LedgerEntry>("entries");
        Invoices = _db.GetCollection<Invoice>("invoices");
        Payments = _db.GetCollection<Payment>("payments");
        Promises = _db.GetCollection<PromisedPayment>("promises");
        Rules = _db.GetCollection<AutoTopUpRule>("autotopup");
        Members = _db.GetCollection<Membership>("members");
        Invitations = _db.GetCollection<Invitation>("invitations");
        Outbox = _db.GetCollection<OutboxEvent>("outbox", BsonAutoId.Int64);
        CommittedAccounts = new(this, kept: 2_000);
        CommittedMemberships = new(this, kept: 10_000);
        CommittedPromises = new(this, kept: 2_000);
        Write(EnsureIndexes);
    }

    /// <summary>
    /// Strings compare as the exact text they are. LiteDB's default ignores case, which would make the payment ids
    /// "ch_3Ab" and "ch_3aB" one key and lose the second payment as a replay of the first.
    /// </summary>
    internal static Collation Exact { get; } = new(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal);

    public string Path { get; }

    /// <summary>The engine under the store, for tests of how it is closed.</summary>
    internal StoreEngine Engine => _engine;

    /// <summary>
    /// Why the store cannot take writes now, or null. Set when reading or writing the file fails (the engine is then
    /// closed and opened again for the next unit of work); cleared when a write is next made durable, which
    /// <see cref="Probe"/> tries.
    /// </summary>
    public StoreFault? Fault => _fault?.Fault;

    /// <summary>Told once when the store begins to fail (with the first failure), once when damage is found, and once when it works again (with null).</summary>
    public Action<Exception?>? FaultChanged { get; set; }

    /// <summary>The running transaction's number; only its thread, which holds the gate, reads it.</summary>
    public long Transaction => _transactions;

    /// <summary>
    /// How many writes have begun, joined ones too: a unit of a batch during which this did not change asked to write
    /// nothing. Only the thread holding the gate reads it.
    /// </summary>
    public long WritesBegun => _writesBegun;

    internal ILiteCollection<Account> Accounts { get; }

    /// <summary>Accounts as last committed, for every service over this store: a chat's every update reads its account.</summary>
    internal Committed<int, Account> CommittedAccounts { get; }

    /// <summary>Each user's memberships as last committed: every chat update asks for them.</summary>
    internal Committed<long, IReadOnlyList<Membership>> CommittedMemberships { get; }

    /// <summary>Each account's promised payments not repaid yet, as last committed: every payment in looks for debt to repay from it.</summary>
    internal Committed<int, IReadOnlyList<PromisedPayment>> CommittedPromises { get; }
    internal ILiteCollection<LedgerEntry> Entries { get; }
    internal ILiteCollection<Invoice> Invoices { get; }
    internal ILiteCollection<Payment> Payments { get; }
    internal ILiteCollection<PromisedPayment> Promises { get; }
    internal ILiteCollection<AutoTopUpRule> Rules { get; }
    internal ILiteCollection<Membership> Members { get; }
    internal ILiteCollection<Invitation> Invitations { get; }
    /// <summary>Events for people to hear about; the notification layer turns them into messages.</summary>
    public ILiteCollection<OutboxEvent> Outbox { get; }

    /// <summary>A collection for what the chat front-end keeps beside the ledger, in the same file and transactions.</summary>
    public ILiteCollection<T> Collection<T>(string name) => _db.GetCollection<T>(name);

    /// <summary>Runs <paramref name="work"/> in one transaction: all of it is stored, or none of it.</summary>
    /// <remarks>
    /// Synchronous on purpose: a LiteDB transaction must begin and commit on one thread.
    /// Called by a unit of <see cref="WriteAll{T}"/> it joins the batch's transaction; inside any other it is refused.
    /// </remarks>
    public T Write<T>(Func<T> work)
    {
        var result = Committed(work, out var commit);
        if (!_gate.IsHeldByCurrentThread)
        {
            // Nested in a batch the batch waits, once the store is free for the next transaction.
            WaitDurable(commit);
        }

        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a transaction and commits it; <paramref name="commit"/> is its number for <see cref="WaitDurable"/> (0 if it joined another).</summary>
    private T Committed<T>(Func<T> work, out long commit)
    {
        commit = 0;
        lock (_gate)
        {
            _writesBegun++;
            if (_open && _batch)
            {
                return Joined(work);
            }

            RefuseWhileDamaged();
            Begin();
            T result;
            try
            {
                result = work();
                _db.Commit();
                _open = false;
                commit = Interlocked.Increment(ref _commits);
            }
            catch (Exception e)
            {
                _afterCommit.Clear();
                Abandon(e);
                throw;
            }
            finally
            {
                _open = false;
            }

            try
            {
                foreach (var committed in _afterCommit)
                {
                    committed();
                }
            }
            finally
            {
                _afterCommit.Clear();
            }

            return result;
        }
    }

    /// <summary>
    /// Returns once commit number <paramref name="commit"/> is on the disk. One flush of the log serves every commit
    /// made before it began: while it runs the store is free for the next transactions, whose callers then share the
    /// next flush (group commit of the flushes, as databases do). A commit whose flush failed, or that was made before a
    /// fault closed the file, is a <see cref="StoreUnavailableException"/>: it may or may not be in the file, and is
    /// found there or made again when it is asked for again.
    /// </summary>
    private void WaitDurable(long commit)
    {
        while (commit > 0)
        {
            long upTo;
            lock (_flushing)
            {
                while (_flushRunning && _flushed < commit)
                {
                    Monitor.Wait(_flushing);
                }

                if (commit > _lostFrom && commit <= _lostUpTo)
                {
                    throw new StoreUnavailableException(Path, _fault?.Fault ?? StoreFault.Failed, new IOException("The file was closed after a fault before this change was flushed to the disk."));
                }

                if (_flushed >= commit)
                {
                    return;
                }

                _flushRunning = true;
                upTo = Interlocked.Read(ref _commits);
            }

            Exception? failure = null;
            try
            {
                _engine.FlushLog();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
            {
                failure = e;
            }

            var recovered = false;
            lock (_flushing)
            {
                _flushRunning = false;
                if (failure is null)
                {
                    _flushed = Math.Max(_flushed, upTo);
                    recovered = _fault is { Fault: not StoreFault.Damaged } && upTo > _lostUpTo;
                }

                Monitor.PulseAll(_flushing);
            }

            if (failure is not null)
            {
                lock (_gate)
                {
                    throw Broken(failure);
                }
            }

            if (recovered)
            {
                // A change made after the fault is on the disk: the store works again.
                _fault = null;
                FaultChanged?.Invoke(null);
            }
        }
    }

    /// <summary>
    /// Writes a little when the store is failing, to learn whether it works again (space was freed); does nothing while
    /// all is well. Says whether the store takes writes.
    /// </summary>
    public bool Probe()
    {
        if (_fault is not { } fault)
        {
            return true;
        }

        if (fault.Fault == StoreFault.Damaged)
        {
            // Damage stays until the file is checked at the next open.
            return false;
        }

        try
        {
            Write(() => _db.GetCollection("probe").Upsert(new BsonDocument { ["_id"] = 1, ["transaction"] = _transactions }));
            return true;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>Begins a transaction on this thread, opening the file again first if a fault closed it.</summary>
    private void Begin()
    {
        if (_open)
        {
            throw new InvalidOperationException("A billing transaction is already running on this thread.");
        }

        try
        {
            _engine.Open();
        }
        catch (Exception e) when (IsFault(e))
        {
            throw Broken(e);
        }

        if (!_db.BeginTrans())
        {
            throw new InvalidOperationException("A billing transaction is already running on this thread.");
        }

        _open = true;
        _transactions++;
    }

    /// <summary>
    /// Rolls back the transaction <paramref name="e"/> ended. A failure of the file itself (in the work, the commit or
    /// the rollback) closes the engine and is thrown as a <see cref="StoreUnavailableException"/>; the caller rethrows
    /// anything else as it was.
    /// </summary>
    private void Abandon(Exception e)
    {
        if (_open)
        {
            _open = false;
            try
            {
                _db.Rollback();
            }
            catch (Exception rollback) when (IsFault(rollback))
            {
                throw Broken(IsFault(e) ? e : rollback);
            }
        }

        if (IsFault(e))
        {
            throw Broken(e);
        }
    }

    /// <summary>Closes the engine after a failure of the file, notes the fault and says so to the caller.</summary>
    private StoreUnavailableException Broken(Exception e)
    {
        _engine.Close();
        lock (_flushing)
        {
            // What was committed but not flushed may be lost with the engine: its callers are not told it is kept.
            (_lostFrom, _lostUpTo) = (_flushed, Interlocked.Read(ref _commits));
        }

        var fault = new StoreFaultState(IsDamage(e) ? StoreFault.Damaged : IsDiskFull(e) ? StoreFault.DiskFull : StoreFault.Failed);
        // Damage, once found, is what the store says until it is opened again; it is told even after another fault.
        var first = _fault is null || (fault.Fault == StoreFault.Damaged && _fault.Fault != StoreFault.Damaged);
        _fault = _fault is { Fault: StoreFault.Damaged } known ? known : fault;
        if (first)
        {
            FaultChanged?.Invoke(e);
        }

        return new StoreUnavailableException(Path, _fault.Fault, e);
    }

    /// <summary>While damage is known, no write begins: what it read could be the damage, and it could write it back.</summary>
    private void RefuseWhileDamaged()
    {
        if (_fault is { Fault: StoreFault.Damaged })
        {
            throw new StoreUnavailableException(Path, StoreFault.Damaged, new InvalidDataException("Damaged data was read earlier; the store takes no writes until it is opened again."));
        }
    }

    /// <summary>Whether <paramref name="e"/> is the file failing rather than the work refusing (a duplicate key is the work's).</summary>
    private static bool IsFault(Exception e) => e switch
    {
        StoreUnavailableException => false,
        DamagedDocumentException => true,
        IOException or UnauthorizedAccessException => true,
        LiteException lite => lite.ErrorCode != LiteException.INDEX_DUPLICATE_KEY,
        _ => e.InnerException is { } inner && IsFault(inner),
    };

    /// <summary>
    /// Whether <paramref name="e"/> says the file holds what cannot be read back: a stored value the mapper cannot turn
    /// into its type, LiteDB's own check of a page or a document failing, or a BSON value it cannot decode.
    /// </summary>
    private static bool IsDamage(Exception e) => e switch
    {
        DamagedDocumentException => true,
        LiteException { ErrorCode: LiteException.INVALID_DATAFILE_STATE or LiteException.INVALID_FORMAT or LiteException.INVALID_DATA_TYPE or LiteException.DATA_TYPE_NOT_ASSIGNABLE or LiteException.INVALID_FREE_SPACE_PAGE or LiteException.DOCUMENT_MAX_DEPTH } => true,
        _ => e.InnerException is { } inner && IsDamage(inner),
    };

    /// <summary>ENOSPC and EDQUOT on Unix (.NET gives the errno as the result code), ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.</summary>
    private static bool IsDiskFull(Exception e) => e switch
    {
        IOException { HResult: 28 or 122 or unchecked((int)0x80070070) or unchecked((int)0x80070027) } => true,
        _ => e.InnerException is { } inner && IsDiskFull(inner),
    };

    private sealed record StoreFaultState(StoreFault Fault);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that every <see cref="Write{T}"/> it calls joins (a plain
    /// <see cref="Write{T}"/> refuses one nested in it): several services' writes stored together or not at all. Inside
    /// a batch it joins the batch.
    /// </summary>
    public T WriteTogether<T>(Func<T> work) => InTransaction && _batch ? Write(work) : InBatch(() => Unit(work));

    public void Write(Action work) => Write(() =>
    {
        work();
        return true;
    });

    /// <summary>
    /// Runs each of <paramref name="works"/> in one transaction, committed once: many small writes for the cost of one.
    /// A <see cref="Write{T}"/> called by a unit joins that transaction. If any unit throws, the whole batch is rolled
    /// back and each unit runs again in a transaction of its own, so one unit's failure costs no other its work.
    /// </summary>
    /// <remarks>
    /// A unit may run twice, so it must change nothing outside the store. Synchronous on purpose, as <see cref="Write{T}"/>.
    /// </remarks>
    /// <returns>Each unit's outcome, in the order given: its result, or the exception it threw.</returns>
    public IReadOnlyList<Outcome<T>> WriteAll<T>(IReadOnlyList<Func<T>> works)
    {
        lock (_gate)
        {
            if (_open)
            {
                throw new InvalidOperationException("A billing transaction is already running on this thread.");
            }
        }

        if (works.Count > 1)
        {
            try
            {
                return InBatch(() => works.Select(work => new Outcome<T>(Unit(work))).ToList());
            }
            catch (StoreUnavailableException e)
            {
                // The file failed, not a unit: alone each would fail the same way.
                return [.. works.Select(_ => new Outcome<T>(e))];
            }
            catch (Exception)
            {
                // One unit failed and took the batch with it; alone, below, it fails by itself.
            }
        }

        // Each alone takes the gate for itself, so other writers are not kept waiting for all of them.
        return works.Select(Alone).ToList();
    }

    /// <summary>
    /// Runs every one of <paramref name="works"/> in one transaction, committed once, or none of them: if any throws
    /// (or a write it joined failed), all is rolled back and null returned, for the caller to run each its own way.
    /// </summary>
    /// <remarks>Each unit must change nothing outside the store, as for <see cref="WriteAll{T}"/>.</remarks>
    public IReadOnlyList<T>? TryWriteAll<T>(IReadOnlyList<Func<T>> works)
    {
        try
        {
            return InBatch(() => works.Select(Unit).ToList());
        }
        catch (Exception)
        {
            // Rolled back whole; the caller runs each alone.
            return null;
        }
    }

    /// <summary>
    /// Reads from one consistent snapshot. Inside a transaction already running on this thread it reads in that one:
    /// many small reads (a digest for each of thousands of chats) then share one snapshot instead of opening one each.
    /// </summary>
    public T Read<T>(Func<T> work)
    {
        lock (_gate)
        {
            if (_open)
            {
                return work();
            }

            Begin();
            try
            {
                var result = work();
                _open = false;
                _db.Rollback();
                return result;
            }
            catch (Exception e)
            {
                Abandon(e);
                throw;
            }
            finally
            {
                _open = false;
                _afterCommit.Clear();
            }
        }
    }

    /// <summary>Whether a transaction of this store is running on this thread.</summary>
    public bool InTransaction => _gate.IsHeldByCurrentThread && _open;

    /// <summary>
    /// Runs <paramref name="committed"/> once the running transaction is committed, still holding the store (so before
    /// any other transaction begins); if it is rolled back, never. A cache of stored documents learns of a write this
    /// way only once the write is for good.
    /// </summary>
    public void AfterCommit(Action committed)
    {
        if (!InTransaction)
        {
            throw new InvalidOperationException("AfterCommit is for the transaction running on this thread.");
        }

        _afterCommit.Add(committed);
    }

    /// <summary>
    /// Copies the database to <paramref name="target"/> while holding it still; safe while the bot runs. The copy is
    /// written beside the target under a temporary name, flushed, opened and counted against the database, and only
    /// then renamed over the target (and the folder flushed), so an interrupted or failed backup never damages an
    /// earlier one. An earlier backup there is replaced; a file there that is not a database is refused.
    /// </summary>
    public void Backup(string target)
    {
        var full = System.IO.Path.GetFullPath(target);
        if (full == Path)
        {
            throw new ArgumentException("The backup must not overwrite the database itself.", nameof(target));
        }

        // An earlier backup is replaced; any other file is not.
        StoreFile.RequireDatabaseOrNothing(full);

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temporary = full + ".partial";
        try
        {
            IReadOnlyDictionary<string, int> counts;
            using (var copy = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                counts = CopyTo(copy);
                copy.Flush(flushToDisk: true);
            }

            RequireSameCounts(temporary, counts);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        // The copy is one file: a log left beside the target by an older backup would be read as part of it.
        File.Delete(StoreEngine.LogPathOf(full));
        File.Move(temporary, full, overwrite: true);
        Folders.Flush(System.IO.Path.GetDirectoryName(full)!);
    }

    /// <summary>Writes a consistent copy of the whole database, as one file with nothing left in a log, to <paramref name="destination"/>.</summary>
    public void Backup(Stream destination) => CopyTo(destination);

    /// <summary>Copies the database as <see cref="Backup(Stream)"/> does; says how many documents each collection of the copy holds.</summary>
    private Dictionary<string, int> CopyTo(Stream destination)
    {
        lock (_gate)
        {
            var counts = Read(() => _db.GetCollectionNames().ToDictionary(name => name, name => _db.GetCollection(name).Count(), StringComparer.Ordinal));

            // Holding the gate, no transaction of this process (the file's only owner) runs: once the log is folded
            // into the data file, the data file alone is the whole database.
            try
            {
                _db.Checkpoint();
            }
            catch (Exception e) when (IsFault(e))
            {
                throw Broken(e);
            }

            using var source = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            source.CopyTo(destination);
            return counts;
        }
    }

    /// <summary>Opens the copy at <paramref name="path"/> and refuses it unless every collection holds what the database held.</summary>
    private static void RequireSameCounts(string path, IReadOnlyDictionary<string, int> counts)
    {
        Dictionary<string, int> copied;
        try
        {
            using var copy = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, ReadOnly = true, Collation = Exact });
            copied = copy.GetCollectionNames().ToDictionary(name => name, name => copy.GetCollection(name).Count(), StringComparer.Ordinal);
        }
        catch (LiteException e)
        {
            throw new IOException($"The backup copy {path} does not open: {e.Message}", e);
        }

        var differ = counts.Where(c => copied.GetValueOrDefault(c.Key) != c.Value).Select(c => $"{c.Key} {copied.GetValueOrDefault(c.Key)} of {c.Value}").ToList();
        if (differ.Count > 0)
        {
            throw new IOException($"The backup copy {path} does not hold the whole database ({string.Join(", ", differ)}).");
        }
    }

    /// <summary>Whether <paramref name="path"/> is a file that is not a LiteDB database (which a backup must never write over).</summary>
    public static bool IsOtherFile(string path) => !StoreFile.IsDatabaseOrNothing(path);

    public void Dispose()
    {
        _db.Dispose();
        _owner.Dispose();
    }

    private Outcome<T> Alone<T>(Func<T> work)
    {
        try
        {
            return new Outcome<T>(InBatch(() => Unit(work)));
        }
        catch (Exception e)
        {
            return new Outcome<T>(e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction that nested writes join.</summary>
    private T InBatch<T>(Func<T> work)
    {
        T result;
        long commit;
        lock (_gate)
        {
            _batch = true;
            try
            {
                result = Committed(work, out commit);
            }
            finally
            {
                _batch = false;
            }
        }

        WaitDurable(commit);
        return result;
    }

    /// <summary>Runs one unit of a batch; it fails if a write it joined failed, whether or not it caught that.</summary>
    private T Unit<T>(Func<T> work)
    {
        _joinedFailure = null;
        var result = work();
        if (_joinedFailure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return result;
    }

    private T Joined<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e)
        {
            _joinedFailure ??= e;
            throw;
        }
    }

    /// <summary>How the store opens its file; a new file is made with <see cref="Exact"/> keys.</summary>
    internal static ConnectionString Connection(string path) => new() { Filename = path, Connection = ConnectionType.Direct, Collation = Exact };

    /// <summary>A file made before keys were compared exactly is rebuilt once with <see cref="Exact"/>, every document kept.</summary>
    private static void CompareKeysExactly(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        // Opened without a collation of its own: LiteDB refuses a file whose collation differs from the one asked for.
        using var db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        if (db.Collation.SortOptions != Exact.SortOptions)
        {
            db.Rebuild(new LiteDB.Engine.RebuildOptions { Collation = Exact });
        }
    }

    private void EnsureIndexes()
    {
        Accounts.EnsureIndex(a => a.ExternalId);
        Accounts.EnsureIndex(a => a.AgencyId);
        Accounts.EnsureIndex(a => a.Kind);
        Entries.EnsureIndex(e => e.Position, unique: true);
        Invoices.EnsureIndex(i => i.AccountId);
        Invoices.EnsureIndex(i => i.IssueKey, unique: true);
        Promises.EnsureIndex(p => p.AccountId);
        Promises.EnsureIndex(p => p.Key, unique: true);
        Members.EnsureIndex(m => m.UserId);
        Members.EnsureIndex(m => m.AccountId);
        Outbox.EnsureIndex(e => e.Delivered);
    }

    private static Array ArrayOf(Type item, BsonArray values, BsonMapper mapper)
    {
        var array = Array.CreateInstance(item, values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            array.SetValue(mapper.Deserialize(item, values[i]), i);
        }

        return array;
    }

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper { EnumAsInteger = false };
        mapper.RegisterType<DateOnly>(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), b => DateOnly.ParseExact(b.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        // Ticks keep every instant exact and sortable; LiteDB's own DateTime keeps milliseconds in local time.
        mapper.RegisterType<DateTimeOffset>(d => new BsonValue(d.UtcTicks), b => new DateTimeOffset(b.AsInt64, TimeSpan.Zero));
        // Every charge rewrites the account: its month of daily charges is one compact binary value, not 60 BSON values.
        mapper.ResolveMember = (type, member, mapping) =>
        {
            if (type == typeof(Account) && member.Name == nameof(Account.RecentCharges))
            {
                mapping.Serialize = (value, _) => new BsonValue(DailyCharge.Pack((IReadOnlyList<DailyCharge>)value));
                mapping.Deserialize = (value, _) => DailyCharge.Unpack(value.AsBinary);
            }
            else if (mapping.DataType is { IsGenericType: true } list && list.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
            {
                // LiteDB looks a list's item type up by reflection on every document it maps (GetInterfaces each time):
                // looked up once here instead, and read back as an array. The stored form is LiteDB's own array.
                var item = list.GetGenericArguments()[0];
                mapping.Serialize = (value, m) => new BsonArray(((IEnumerable)value).Cast<object?>().Select(v => m.Serialize(item, v)));
                mapping.Deserialize = (value, m) => value.IsArray ? ArrayOf(item, value.AsArray, m) : null;
            }

            // A stored value that does not decode is damage to stop at, not an error of the work that read it.
            var decode = mapping.Deserialize;
            var storedAs = mapping.DataType;
            mapping.Deserialize = (value, m) =>
            {
                try
                {
                    return decode is null ? m.Deserialize(storedAs, value) : decode(value, m);
                }
                catch (Exception e) when (e is not DamagedDocumentException)
                {
                    throw new DamagedDocumentException(type, member.Name, e);
                }
            };
        };
        mapper.Entity<Invoice>().Id(i => i.Number, autoId: false);
        mapper.Entity<Payment>().Id(p => p.Id, autoId: false);
        mapper.Entity<LedgerEntry>().Id(e => e.Id, autoId: false);
        mapper.Entity<AutoTopUpRule>().Id(r => r.Id, autoId: false);
        mapper.Entity<Membership>().Id(m => m.Id, autoId: false);
        mapper.Entity<Invitation>().Id(i => i.Id, autoId: false);
        mapper.Entity<PromisedPayment>().Ignore(p => p.Outstanding).Ignore(p => p.IsUnsettled);
        mapper.Entity<Account>().Ignore(a => a.IsClient);
        return mapper;
    }
}
