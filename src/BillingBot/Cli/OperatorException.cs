namespace BillingBot.Cli;

/// <summary>Bad operator input found outside the money model (a missing file, a malformed CSV row); the message is already localized.</summary>
internal sealed class OperatorException(string message) : Exception(message);
