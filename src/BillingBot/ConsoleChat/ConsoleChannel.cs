using BillingBot.Chat;
using BillingBot.Notifications;

namespace BillingBot.ConsoleChat;

/// <summary>Notifications in the console chat: printed between screens as they come.</summary>
internal sealed class ConsoleChannel(ConsoleStreams streams) : INotificationChannel
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        await streams.Output.WriteLineAsync();
        await streams.Output.WriteLineAsync("🔔 " + ChatText.Plain(message.Text));
        await streams.Output.FlushAsync(cancellationToken);
    }
}
