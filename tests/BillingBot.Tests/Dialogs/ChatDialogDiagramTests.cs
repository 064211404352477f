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
        var expected = "# Chat dialog\n\nGenerated from `ChatDialog` by `ChatDialogDiagramTests`.\n\n```mermaid\n" + new ChatDialog(new ChatSession()).ToMermaid().ReplaceLineEndings("\n").Trim() + "\n```\n";
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
}
