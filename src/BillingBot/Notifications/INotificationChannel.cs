namespace BillingBot.Notifications;

/// <summary>Where notifications go: Telegram, or the local console chat.</summary>
internal interface INotificationChannel
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}
