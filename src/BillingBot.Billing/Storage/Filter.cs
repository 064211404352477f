using LiteDB;

namespace BillingBot.Billing.Storage;

/// <summary>
/// Filters whose values stay parameters. LiteDB's <see cref="Query.EQ"/> and its kin write the value into the
/// expression's text, so every new value (a user id, a position, the clock) is parsed and compiled to a delegate
/// anew, about a millisecond each, and LiteDB caches each compiled delegate for the life of the process. The text
/// here is the same for every value: it is compiled once.
/// </summary>
public static class Filter
{
    public static BsonExpression Equal(string field, BsonValue value) => BsonExpression.Create($"$.{field} = @0", value);

    public static BsonExpression Between(string field, BsonValue from, BsonValue to) => BsonExpression.Create($"$.{field} BETWEEN @0 AND @1", from, to);

    /// <summary>Any of <paramref name="values"/>: one query for a page of ids instead of a lookup each.</summary>
    public static BsonExpression In(string field, IEnumerable<BsonValue> values) => BsonExpression.Create($"$.{field} IN @0", new BsonArray(values));

    /// <summary>
    /// How many documents have <paramref name="value"/> in the indexed <paramref name="field"/>, counted from the index
    /// alone. LiteDB's own <c>Count</c> reads every matching document, and a transaction keeps each page it read in
    /// memory until it ends: counting 100,000 stored messages that way held some 100 MB.
    /// </summary>
    /// <remarks>
    /// LiteDB's index scan still gathers every match's position in one set to skip repeats: about 6 MB of large-object
    /// garbage for 100,000, gone at the next full collection.
    /// </remarks>
    public static int CountIndexed<T>(ILiteCollection<T> collection, string field, BsonValue value) =>
        IndexedQuery(collection, field, value).ToEnumerable().Count();

    /// <summary>The query <see cref="CountIndexed"/> runs: one that LiteDB answers from the index, without the documents.</summary>
    internal static ILiteQueryableResult<BsonDocument> IndexedQuery<T>(ILiteCollection<T> collection, string field, BsonValue value) =>
        collection.Query().Where(Equal(field, value)).Select(BsonExpression.Create($"$.{field}"));
}
