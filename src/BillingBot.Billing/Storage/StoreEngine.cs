using System.Collections;
using System.Reflection;
using LiteDB;
using LiteDB.Engine;

namespace BillingBot.Billing.Storage;

/// <summary>
/// The store's LiteDB engine, which can be closed after a fault and opened again on the same file. LiteDB keeps going
/// after a write to its log failed (a full disk), but what it commits after that hole is not read back at the next
/// open: an engine that failed once is never used again. Opened again, LiteDB reads back every transaction that was
/// whole in its log and nothing else. The collections stay the same objects, so no service holds a dead engine.
/// </summary>
/// <remarks>
/// The store opens the data file and the log itself and gives LiteDB the streams: unbuffered, so a failed write leaves
/// nothing behind to be written later, closed by the store however LiteDB's own closing fails (a handle it leaked would
/// hold the file's lock against the next open), and flushed to the disk whenever LiteDB flushes.
/// </remarks>
internal sealed class StoreEngine : ILiteEngine
{
    private readonly string _path;
    private readonly Collation _collation;
    private LiteEngine? _engine;
    private DurableFile? _data;
    private DurableFile? _log;

    public StoreEngine(string path, Collation collation)
    {
        _path = path;
        _collation = collation;
        Open();
    }

    /// <summary>Whether an engine is open (none after <see cref="Close"/> until <see cref="Open"/> succeeds).</summary>
    public bool IsOpen => _engine is not null;

    private LiteEngine Engine => _engine ?? throw new InvalidOperationException("The store's file is closed after a fault.");

    /// <summary>Opens the file again if it is closed; throws what it meets if it cannot (the disk is still full).</summary>
    public void Open()
    {
        if (_engine is not null)
        {
            return;
        }

        try
        {
            _data = new DurableFile(_path);
            _log = new DurableFile(LogPathOf(_path));
            _engine = new LiteEngine(new EngineSettings { DataStream = _data, LogStream = _log, Collation = _collation });
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <summary>Drops the engine without writing anything more: what it had not committed whole is not in the file.</summary>
    public void Close()
    {
        var (engine, data, log) = (_engine, _data, _log);
        (_engine, _data, _log) = (null, null, null);
        var open = engine is null ? [] : TransactionsOf(engine);
        try
        {
            // LiteDB folds its log into the data file as it closes, which may fail the same way the last write did.
            engine?.Dispose();
        }
        catch (Exception e) when (e is IOException or LiteException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The file keeps its last whole transaction.
        }
        finally
        {
            foreach (var transaction in open)
            {
                // Disposed by the engine, or never to be: either way not the finalizer's (see TransactionsOf).
#pragma warning disable CA1816 // LiteDB's object, not this one: its finalizer would throw.
                GC.SuppressFinalize(transaction);
#pragma warning restore CA1816
            }

            data?.Dispose();
            var empty = log is { } l && l.SafeFileHandle is { IsClosed: false } && l.Length == 0;
            log?.Dispose();
            if (empty)
            {
                // As LiteDB does with a log it opened itself: an empty one is not left beside the data file.
                File.Delete(LogPathOf(_path));
            }
        }
    }

    /// <summary>How many transactions the open engine holds (its own check that <see cref="TransactionsOf"/> still sees them).</summary>
    internal int OpenTransactions => _engine is { } engine ? TransactionsOf(engine).Length : 0;

    private static readonly FieldInfo? Monitor = typeof(LiteEngine).GetField("_monitor", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// The transactions LiteDB's engine holds open. One whose commit failed half-way (a full disk) cannot be disposed:
    /// LiteDB's check of its pages fails in its Dispose, and again in its finalizer, where the exception ends the whole
    /// process at some later garbage collection. So the store takes them from the engine it closes and takes them off
    /// the finalizer's list; LiteDB keeps them in its private monitor (5.0.21), read here by reflection, and a test
    /// fails if a new version hides them.
    /// </summary>
    private static object[] TransactionsOf(LiteEngine engine)
    {
        if (Monitor?.GetValue(engine) is not { } monitor || monitor.GetType().GetProperty("Transactions")?.GetValue(monitor) is not ICollection open)
        {
            return [];
        }

        var copy = new object[open.Count];
        open.CopyTo(copy, 0);
        return copy;
    }

    /// <summary>
    /// Makes what the log holds durable: LiteDB writes its log with plain writes and flushes only when it folds the log
    /// into the data file, so a committed transaction would otherwise live in the page cache until the system writes it.
    /// </summary>
    public void FlushLog() => _log?.Flush();

    /// <summary>LiteDB's log beside <paramref name="dataFile"/>: <c>name-log.ext</c>.</summary>
    public static string LogPathOf(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(dataFile)!, Path.GetFileNameWithoutExtension(dataFile) + "-log" + Path.GetExtension(dataFile));

    public void Dispose() => Close();

    public int Checkpoint() => Engine.Checkpoint();

    public long Rebuild(RebuildOptions options) => Engine.Rebuild(options);

    public bool BeginTrans() => Engine.BeginTrans();

    public bool Commit() => Engine.Commit();

    public bool Rollback() => Engine.Rollback();

    public IBsonDataReader Query(string collection, Query query) => Engine.Query(collection, query);

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Engine.Insert(collection, docs, autoId);

    public int Update(string collection, IEnumerable<BsonDocument> docs) => Engine.Update(collection, docs);

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Engine.UpdateMany(collection, transform, predicate);

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Engine.Upsert(collection, docs, autoId);

    public int Delete(string collection, IEnumerable<BsonValue> ids) => Engine.Delete(collection, ids);

    public int DeleteMany(string collection, BsonExpression predicate) => Engine.DeleteMany(collection, predicate);

    public bool DropCollection(string name) => Engine.DropCollection(name);

    public bool RenameCollection(string name, string newName) => Engine.RenameCollection(name, newName);

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Engine.EnsureIndex(collection, name, expression, unique);

    public bool DropIndex(string collection, string name) => Engine.DropIndex(collection, name);

    public BsonValue Pragma(string name) => Engine.Pragma(name);

    public bool Pragma(string name, BsonValue value) => Engine.Pragma(name, value);

    /// <summary>
    /// A file LiteDB reads and writes through: no buffer of its own, and every flush LiteDB asks for (after it writes
    /// the data file, before it empties the log) goes to the disk, as it does for the files it opens itself.
    /// </summary>
    private sealed class DurableFile(string path)
        : FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0, FileOptions.RandomAccess)
    {
        public override void Flush() => Flush(flushToDisk: true);
    }
}
