namespace BillingBot.Cli;

/// <summary>Bad operator input found outside the money model (a missing file, a malformed CSV row); the message is already localized.</summary>
internal sealed class OperatorException : Exception
{
    public OperatorException(string message)
        : base(message) => Lines = [message];

    /// <summary>A refusal of several parts, each printed on a line of its own (every bad row of an import).</summary>
    public OperatorException(IReadOnlyList<string> lines)
        : base(string.Join(Environment.NewLine, lines)) => Lines = lines;

    public IReadOnlyList<string> Lines { get; }
}
