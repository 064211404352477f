using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BillingBot.Input;

namespace BillingBot.Cli;

/// <summary>Arguments and options that parse ids, amounts, days and choices strictly, with a clear message for anything else.</summary>
internal static class Inputs
{
    public static Argument<int> Id(OperatorContext c, string name, string help) =>
        new(name) { Description = c.T(help), CustomParser = r => ParseId(c, r) };

    public static Option<int> IdOption(OperatorContext c, string name, string help) =>
        new(name) { Required = true, HelpName = "id", Description = c.T(help), CustomParser = r => ParseId(c, r) };

    public static Option<int?> OptionalId(OperatorContext c, string name, string help) =>
        new(name) { HelpName = "id", Description = c.T(help), CustomParser = r => ParseId(c, r) };

    public static Option<decimal> Amount(OperatorContext c, string name, string help) =>
        new(name) { Required = true, HelpName = "amount", Description = c.T(help), CustomParser = r => ParseAmount(c, r) };

    public static Argument<decimal> AmountArgument(OperatorContext c, string name, string help) =>
        new(name) { Description = c.T(help), CustomParser = r => ParseAmount(c, r) };

    public static Option<DateOnly> Day(OperatorContext c, string name, string help) =>
        new(name) { HelpName = "yyyy-mm-dd", Description = c.T(help), CustomParser = r => ParseDay(c, r) };

    /// <summary>
    /// <c>--key</c>: the operation's idempotency key, so that running the command again (or an HTTP retry of it) changes
    /// nothing; without it, every run is an operation of its own.
    /// </summary>
    public static Option<string?> Key(OperatorContext c) =>
        new("--key") { HelpName = "key", Description = c.T("cli.help.operationKey") };

    /// <summary>The key given with <c>--key</c>, or a fresh one.</summary>
    public static string KeyOf(ParseResult parse, Option<string?> key) =>
        parse.GetValue(key) is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");

    public static Option<int> Page(OperatorContext c) =>
        new("--page") { HelpName = "n", Description = c.T("cli.help.page"), DefaultValueFactory = _ => 1, CustomParser = r => ParsePositive(c, r, "cli.error.page") };

    /// <summary>One of <typeparamref name="TEnum"/>'s names in lower case; numbers are not accepted.</summary>
    public static Option<TEnum> Choice<TEnum>(OperatorContext c, string name, string help, TEnum? defaultValue = null)
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        var option = new Option<TEnum>(name)
        {
            Required = defaultValue is null,
            HelpName = string.Join('|', names),
            Description = c.T(help),
            CustomParser = r =>
            {
                var token = Token(r);
                if (token is not null && names.Contains(token.ToLowerInvariant()))
                {
                    return Enum.Parse<TEnum>(token, ignoreCase: true);
                }

                r.AddError(c.T("cli.error.choice", ("value", token), ("choices", string.Join(", ", names))));
                return default;
            },
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        return option;
    }

    /// <summary><c>--user</c>: a Telegram user id, a whole number above zero.</summary>
    public static Option<long> User(OperatorContext c) =>
        new("--user") { Required = true, HelpName = "id", Description = c.T("cli.help.userId"), CustomParser = r => ParseUser(c, r) };

    private static long ParseUser(OperatorContext c, ArgumentResult r)
    {
        var token = Token(r);
        if (long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        r.AddError(c.T("cli.error.user", ("value", token)));
        return 0;
    }

    private static string? Token(ArgumentResult r) => r.Tokens.Count == 1 ? r.Tokens[0].Value : null;

    private static int ParseId(OperatorContext c, ArgumentResult r) => ParsePositive(c, r, "cli.error.id");

    private static int ParsePositive(OperatorContext c, ArgumentResult r, string error)
    {
        var token = Token(r);
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }

        r.AddError(c.T(error, ("value", token)));
        return 0;
    }

    private static decimal ParseAmount(OperatorContext c, ArgumentResult r)
    {
        var token = Token(r);
        if (AmountParser.TryParse(token, out var amount))
        {
            return amount;
        }

        r.AddError(c.T("cli.error.amount", ("value", token)));
        return 0;
    }

    private static DateOnly ParseDay(OperatorContext c, ArgumentResult r)
    {
        var token = Token(r);
        if (DateOnly.TryParseExact(token, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        r.AddError(c.T("cli.error.date", ("value", token)));
        return default;
    }
}
