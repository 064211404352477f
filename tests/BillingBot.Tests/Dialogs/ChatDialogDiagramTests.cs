using BillingBot.Chat;
using BillingBot.Dialogs;

namespace BillingBot.Tests.Dialogs;

public sealed class ChatDialogDiagramTests
{
    /// <summary>The committed diagram is the machine's own: run with BILLINGBOT_UPDATE_DIAGRAM=1 to rewrite it after a change.</summary>
    [Fact]
    public void ToMermaid_CommittedDiagram_MatchesTheMachine()
    {
        var path = Repository.PathOf("src", "BillingBot", "Dialogs", "ChatDialog.md");
        var expected = "# Chat dialog\n\nGenerated from `ChatDialog` by `ChatDialogDiagramTests`.\n\n```mermaid\n" + ChatDialog.ToMermaid().ReplaceLineEndings("\n").Trim() + "\n```\n";
        if (Environment.GetEnvironmentVariable("BILLINGBOT_UPDATE_DIAGRAM") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.Equal(expected, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CanFire_ConfirmOutsideAConfirmStep_False()
    {
        var dialog = new ChatDialog(new ChatSession());

        Assert.False(dialog.CanFire(ChatDialog.Trigger.Confirm));
        Assert.False(dialog.CanFire(ChatDialog.Trigger.More));
        Assert.True(dialog.CanFire(ChatDialog.Trigger.TopUp));
    }

    [Fact]
    public void Fire_ManyChatsOnManyThreadsAtOnce_EachMovesOnlyItsOwnDialog()
    {
        // Every chat shares one machine: what it reads and moves must be the dialog acted on, on each thread.
        var wrong = 0;
        Parallel.For(0, 20_000, i =>
        {
            var dialog = new ChatDialog(new ChatSession { Id = i, State = DialogState.TopUpConfirm, Flow = new TopUpFlow { Amount = 5m } });
            var (trigger, expected) = i % 2 == 0 ? (ChatDialog.Trigger.TopUp, DialogState.TopUpAmount) : (ChatDialog.Trigger.Settings, DialogState.Settings);
            dialog.Fire(trigger);
            // Entering the amount step begins its flow afresh; Settings keeps none.
            var flowRight = i % 2 == 0 ? dialog.Session.Flow is TopUpFlow { Amount: null } : dialog.Session.Flow is null;
            if (dialog.State != expected || dialog.Session.Id != i || !flowRight || !dialog.CanFire(ChatDialog.Trigger.Menu))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }
}
