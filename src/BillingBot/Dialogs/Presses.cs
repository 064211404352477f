using System.Globalization;
using System.Text;
using BillingBot.Billing.Agency;
using Trigger = BillingBot.Dialogs.ChatDialog.Trigger;

namespace BillingBot.Dialogs;

/// <summary>
/// A button's press: the trigger it fires and its typed payload, written into a button's callback data and read back
/// from it by the one codec (<see cref="Press{T}"/>), within Telegram's 64 bytes. Codes are those of earlier releases,
/// so buttons under messages sent before an upgrade still work.
/// </summary>
internal abstract class Press(Trigger trigger, string code)
{
    /// <summary>Telegram's limit on a button's callback data.</summary>
    public const int MaxDataBytes = 64;

    public Trigger Trigger { get; } = trigger;

    public string Code { get; } = code;

    /// <summary>The payload <paramref name="argument"/> (the data after the code's colon) stands for; null if it is none of this press's.</summary>
    public abstract object? Decode(string argument);

    /// <summary>What the callback data says: a press and its payload, or null for data no button of this bot carries.</summary>
    public static (Press Press, object Payload)? Parse(string data)
    {
        var (code, argument) = data.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (data[..colon], data[(colon + 1)..]) : (data, "");
        foreach (var press in Presses.ByCode[code])
        {
            if (press.Decode(argument) is { } payload)
            {
                return (press, payload);
            }
        }

        return null;
    }
}

/// <summary>
/// A press whose payload is a <typeparamref name="T"/>, written by <paramref name="write"/> and read back by
/// <paramref name="read"/> (null where the text is no payload of this press).
/// </summary>
internal sealed class Press<T>(Trigger trigger, string code, Func<T, string> write, Func<string, object?> read) : Press(trigger, code)
    where T : notnull
{
    /// <summary>The callback data of a button that presses this with <paramref name="payload"/>.</summary>
    public string Data(T payload)
    {
        var argument = write(payload);
        var data = argument.Length == 0 ? Code : Code + ":" + argument;
        return Encoding.UTF8.GetByteCount(data) <= MaxDataBytes
            ? data
            : throw new ArgumentException($"Callback data of {Trigger} is over {MaxDataBytes} bytes.", nameof(payload));
    }

    public override object? Decode(string argument) => read(argument) is T payload ? payload : null;
}

/// <summary>A press that carries nothing but itself.</summary>
internal readonly record struct None;

/// <summary>A month's statement in one of its formats.</summary>
internal readonly record struct StatementChoice(DateOnly Month, string Format)
{
    public static readonly string[] Formats = ["pdf", "csv"];
}

/// <summary>Every press a button of the chat can carry.</summary>
internal static class Presses
{
    public static readonly Press<None> Menu = Plain(Trigger.Menu, "m");
    public static readonly Press<None> ChooseAccount = Plain(Trigger.ChooseAccount, "acc");
    public static readonly Press<int> Pick = Number(Trigger.Pick, "acc");
    public static readonly Press<None> Invite = Plain(Trigger.Invite, "invite");
    public static readonly Press<None> Balance = Plain(Trigger.Balance, "bal");
    public static readonly Press<None> TopUp = Plain(Trigger.TopUp, "top");

    /// <summary>Top up a given account (under an alert or a digest, whichever account the chat is on).</summary>
    public static readonly Press<int> TopUpAccount = Number(Trigger.TopUpAccount, "top");

    public static readonly Press<decimal> Amount = new(Trigger.Amount, "amt", a => a.ToString(CultureInfo.InvariantCulture),
        s => decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : null);

    public static readonly Press<None> Confirm = Plain(Trigger.Confirm, "ok");
    public static readonly Press<None> Invoices = Plain(Trigger.Invoices, "inv");
    public static readonly Press<string> CancelInvoice = Text(Trigger.CancelInvoice, "cx");
    public static readonly Press<None> History = Plain(Trigger.History, "hist");
    public static readonly Press<None> More = Plain(Trigger.More, "more");
    public static readonly Press<string> InvoicePdf = Text(Trigger.InvoicePdf, "pdf");
    public static readonly Press<None> Chart = Plain(Trigger.Chart, "chart");
    public static readonly Press<None> Statement = Plain(Trigger.Statement, "st");

    /// <summary><c>st:2026-11:pdf</c> or <c>st:2026-11:csv</c>.</summary>
    public static readonly Press<StatementChoice> StatementFile = new(Trigger.StatementFile, "st",
        c => c.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture) + ":" + c.Format,
        s => s.Split(':') is [var month, var format] && StatementChoice.Formats.Contains(format)
            && DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? new StatementChoice(day, format)
                : null);

    public static readonly Press<None> Promise = Plain(Trigger.Promise, "prom");
    public static readonly Press<None> Take = Plain(Trigger.Take, "take");
    public static readonly Press<int> Repay = Number(Trigger.Repay, "repay");
    public static readonly Press<None> Clients = Plain(Trigger.Clients, "cl");
    public static readonly Press<int> OpenClient = Number(Trigger.OpenClient, "cl");
    public static readonly Press<None> Transfer = Plain(Trigger.Transfer, "tr");
    public static readonly Press<None> Return = Plain(Trigger.Return, "rt");
    public static readonly Press<None> SetRule = Plain(Trigger.SetRule, "rule");

    /// <summary>The button names the state it wants (<c>ruletoggle:on</c>), so the same press handled twice changes nothing more.</summary>
    public static readonly Press<bool> ToggleRule = Switch(Trigger.ToggleRule, "ruletoggle");

    /// <summary>By name only: <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> also takes any number ("per:5"), which no period is.</summary>
    public static readonly Press<LimitPeriod> Period = new(Trigger.Period, "per", p => p.ToString(),
        s => Enum.GetNames<LimitPeriod>().FirstOrDefault(n => n.Equals(s, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<LimitPeriod>(name) : null);

    public static readonly Press<None> Settings = Plain(Trigger.Settings, "set");
    public static readonly Press<string> Language = new(Trigger.Language, "lang", l => l, s => s is "en" or "ru" ? s : null);
    public static readonly Press<None> ToggleDigest = Plain(Trigger.ToggleDigest, "dig");
    public static readonly Press<None> AskDigestTime = Plain(Trigger.AskDigestTime, "dt");
    public static readonly Press<None> AskTimeZone = Plain(Trigger.AskTimeZone, "tz");

    /// <summary>Text a step takes typed; as a button (<c>zone:Europe/Berlin</c>), a zone the time zone step offers.</summary>
    public static readonly Press<string> Typed = Text(Trigger.Typed, "zone");

    public static readonly Press<None> AskLowBalanceDays = Plain(Trigger.AskLowBalanceDays, "thr");
    public static readonly Press<None> AskLowBalanceMoney = Plain(Trigger.AskLowBalanceMoney, "thrm");
    public static readonly Press<None> Operator = Plain(Trigger.Operator, "op");
    public static readonly Press<int> OperatorAccount = Number(Trigger.OperatorAccount, "op");
    public static readonly Press<None> OperatorBack = Plain(Trigger.OperatorBack, "opb");

    public static readonly Press<None> Members = Plain(Trigger.Members, "mem");

    public static readonly Press<long> OpenMember = new(Trigger.OpenMember, "mem", u => u.ToString(CultureInfo.InvariantCulture),
        s => long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var u) ? u : null);

    public static readonly Press<bool> MoneyRight = Switch(Trigger.MoneyRight, "right");
    public static readonly Press<None> RemoveMember = Plain(Trigger.RemoveMember, "rm");
    public static readonly Press<None> Leave = Plain(Trigger.Leave, "leave");

    /// <summary>Every press, in the order <see cref="Press.Parse"/> tries those of one code.</summary>
    public static readonly IReadOnlyList<Press> All =
    [
        Menu, ChooseAccount, Pick, Invite, Balance, TopUp, TopUpAccount, Amount, Confirm, Invoices, CancelInvoice, History, More,
        InvoicePdf, Chart, Statement, StatementFile, Promise, Take, Repay, Clients, OpenClient, Transfer, Return, SetRule,
        ToggleRule, Period, Settings, Language, ToggleDigest, AskDigestTime, AskTimeZone, Typed, AskLowBalanceDays,
        Members, OpenMember, MoneyRight, RemoveMember, Leave, AskLowBalanceMoney, Operator, OperatorAccount, OperatorBack,
    ];

    /// <summary>The presses of each code (a code with and without a payload is two), for <see cref="Press.Parse"/> on every press.</summary>
    public static readonly ILookup<string, Press> ByCode = All.ToLookup(p => p.Code, StringComparer.Ordinal);

    /// <summary>The data of a press that carries nothing.</summary>
    public static string Data(this Press<None> press) => press.Data(default);

    private static Press<None> Plain(Trigger trigger, string code) => new(trigger, code, _ => "", s => s.Length == 0 ? default(None) : null);

    private static Press<int> Number(Trigger trigger, string code) => new(trigger, code, n => n.ToString(CultureInfo.InvariantCulture),
        s => int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null);

    /// <summary>A press that turns something on or off: <c>code:on</c>, <c>code:off</c>.</summary>
    private static Press<bool> Switch(Trigger trigger, string code) => new(trigger, code, on => on ? "on" : "off", s => s switch { "on" => true, "off" => false, _ => null });

    private static Press<string> Text(Trigger trigger, string code) => new(trigger, code, t => t, s => s.Length > 0 ? s : null);
}
