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
}
