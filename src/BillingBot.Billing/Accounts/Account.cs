using System.Buffers.Binary;

namespace BillingBot.Billing.Accounts;

public enum AccountKind
{
    Customer,
    Agency,
}

/// <summary>A prepaid account; <see cref="Balance"/> caches the sum of its ledger entries.</summary>
public sealed record Account
{
    public int Id { get; init; }
    public string Name { get; init; } = "";
    public AccountKind Kind { get; init; }

    /// <summary>The agency this account is a client of, if any.</summary>
    public int? AgencyId { get; init; }

    public string Currency { get; init; } = "";
    public decimal DailyTariff { get; init; }
    public int LowBalanceDays { get; init; }
    public decimal? LowBalanceMoney { get; init; }

    /// <summary>IANA id of the zone in which billing days start and end.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>The id the account has in the system it was imported from.</summary>
    public string? ExternalId { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The first billing day the daily tariff is charged for.</summary>
    public DateOnly BillingStart { get; init; }

    /// <summary>The last billing day the daily accrual has dealt with.</summary>
    public DateOnly? AccruedThrough { get; init; }

    public decimal Balance { get; init; }

    /// <summary>The sequence number of the account's newest ledger entry.</summary>
    public long LastSeq { get; init; }

    public bool HasPaid { get; init; }

    /// <summary>Whether the last check found the balance low, so an alert is raised once per crossing.</summary>
    public bool IsLow { get; init; }

    /// <summary>Service charges by billing day, newest last, for the last few weeks (forecasts read them without a query).</summary>
    public IReadOnlyList<DailyCharge> RecentCharges { get; init; } = [];

    public bool IsClient => AgencyId is not null;
}

/// <summary>The service charges of one billing day.</summary>
public sealed record DailyCharge(DateOnly Date, decimal Amount)
{
    private const int Size = sizeof(int) * 5;

    /// <summary>Day numbers and the four parts of each decimal, exactly.</summary>
    internal static byte[] Pack(IReadOnlyList<DailyCharge> charges)
    {
        var bytes = new byte[charges.Count * Size];
        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < charges.Count; i++)
        {
            var slot = bytes.AsSpan(i * Size);
            BinaryPrimitives.WriteInt32LittleEndian(slot, charges[i].Date.DayNumber);
            decimal.GetBits(charges[i].Amount, parts);
            for (var p = 0; p < 4; p++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(slot[(sizeof(int) * (p + 1))..], parts[p]);
            }
        }

        return bytes;
    }

    internal static IReadOnlyList<DailyCharge> Unpack(byte[] bytes)
    {
        if (bytes.Length % Size != 0)
        {
            throw new InvalidDataException($"{bytes.Length} bytes are not a whole number of daily charges.");
        }

        var charges = new DailyCharge[bytes.Length / Size];
        Span<int> parts = stackalloc int[4];
        for (var i = 0; i < charges.Length; i++)
        {
            var slot = bytes.AsSpan(i * Size);
            for (var p = 0; p < 4; p++)
            {
                parts[p] = BinaryPrimitives.ReadInt32LittleEndian(slot[(sizeof(int) * (p + 1))..]);
            }

            charges[i] = new DailyCharge(DateOnly.FromDayNumber(BinaryPrimitives.ReadInt32LittleEndian(slot)), new decimal(parts));
        }

        return charges;
    }
}
