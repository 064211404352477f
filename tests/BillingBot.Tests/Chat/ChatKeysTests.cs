using BillingBot.Billing;
using BillingBot.Chat;

namespace BillingBot.Tests.Chat;

public sealed class ChatKeysTests
{
    [Fact]
    public void TelegramPayment_AnyChargeIdTelegramGives_IsAKeyTheLedgerTakes_OneForEachChargeId()
    {
        var ordinary = ChatKeys.TelegramPayment(42, "6543210987_4321");
        var longer = new string('c', 1_500);

        Assert.Equal("telegram/42/6543210987_4321", ordinary);
        foreach (var chargeId in new[] { longer, longer + "x", "with\nnewline" })
        {
            var key = ChatKeys.TelegramPayment(42, chargeId);
            Assert.Equal(key, CallerKey.Require(key));
            Assert.Equal(42, ChatKeys.ChatOf(key));
            Assert.Equal(key, ChatKeys.TelegramPayment(42, chargeId));
        }

        Assert.NotEqual(ChatKeys.TelegramPayment(42, longer), ChatKeys.TelegramPayment(42, longer + "x"));
    }
}
