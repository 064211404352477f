using System.Text.RegularExpressions;

namespace BillingBot.Tests.ConsoleChat;

/// <summary>The local console chat, driven through the program's standard input as a person would type.</summary>
public sealed class ConsoleChatTests
{
    [Fact]
    public async Task Program_TopUpTypedOnStandardInput_InvoiceShownWithItsLink()
    {
        using var folder = new CliFixture();

        // 1: Flower shop; 2: Top up; 1: the 10-day amount; 1: Confirm.
        var run = await ChildProcess.RunAsync(folder.Folder, [], input: "#1\n#2\n#1\n#1\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("[#1] 10 days — $55.80   [#2] 30 days — $167.40", run.Output, StringComparison.Ordinal);
        Assert.Contains("Top up Flower shop by $55.80?", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"Invoice [0-9A-Z]{5}-[0-9A-Z]{5} is ready", run.Output);
        Assert.Matches(@"\[#1\] Pay [0-9A-Z]{5}-[0-9A-Z]{5} \(https://pay\.example\.com/bill/[0-9A-Z]{5}-[0-9A-Z]{5}\)", run.Output);
    }

    [Fact]
    public async Task Program_LogLinesGoToTheFileTheChatNames_NeverIntoTheChat()
    {
        using var folder = new CliFixture();
        int port;
        using (var free = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            free.Start();
            port = ((System.Net.IPEndPoint)free.LocalEndpoint).Port;
        }

        // 1: Flower shop; then the input closes.
        var run = await ChildProcess.RunAsync(folder.Folder, [], new Dictionary<string, string> { ["BillingBot__Http__Urls"] = $"http://127.0.0.1:{port}" }, input: "#1\n");
        var log = Path.Combine(folder.Folder, "data", "billingbot.log");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"its log is {log}.", run.Output, StringComparison.Ordinal);
        Assert.Contains("Which account?", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains($"Now listening on: http://127.0.0.1:{port}", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_RussianSettingsAndBadAmount_HintInRussianAndNoStackTrace()
    {
        using var folder = new CliFixture();

        // 1: Flower shop; 6: Settings; 2: Русский; 8: Меню; 2: Пополнить; then a word where an amount belongs.
        var run = await ChildProcess.RunAsync(folder.Folder, [], input: "#1\n#6\n#2\n#8\n#2\nмного\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Язык: Русский", run.Output, StringComparison.Ordinal);
        Assert.Contains("Введите сумму числом", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_SecondSessionOnTheSameDemo_SecondTopUpIsAnInvoiceOfItsOwn()
    {
        using var folder = new CliFixture();

        // 1: Flower shop; 2: Top up; 1: the 10-day amount; 1: Confirm.
        var first = await ChildProcess.RunAsync(folder.Folder, [], input: "#1\n#2\n#1\n#1\n");
        // The chat resumes where it was, on its invoices (the demo's unpaid one and the new one: Pay; PDF, Cancel each; then Top up, Menu): #7: Top up; #2: the 30-day amount; #1: Confirm.
        var second = await ChildProcess.RunAsync(folder.Folder, [], input: "#7\n#2\n#1\n");

        Assert.Matches(@"Invoice [0-9A-Z]{5}-[0-9A-Z]{5} is ready", first.Output);
        var after = second.Output[second.Output.IndexOf("$167.40?", StringComparison.Ordinal)..];
        Assert.Matches(@"Invoice [0-9A-Z]{5}-[0-9A-Z]{5} is ready", after);
    }

    [Fact]
    public async Task Program_ChartAndStatementPressed_SavedAsFilesAndTheirPathsShown()
    {
        using var folder = new CliFixture();

        // 1: Flower shop; 1: Balance; 2: Spending chart; 3: Menu; 4: History; 2: Statement; 1: this month's PDF.
        var run = await ChildProcess.RunAsync(folder.Folder, [], input: "#1\n#1\n#2\n#3\n#4\n#2\n#1\n");

        Assert.True(run.ExitCode == 0, run.Error);
        var saved = Regex.Matches(run.Output, "^💾 (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(2, saved.Count);
        Assert.All(saved, path => Assert.Equal(Path.Combine(folder.Folder, "data", "files"), Path.GetDirectoryName(path)));
        Assert.Matches(@"^spending-1-\d{4}-\d{2}-\d{2}\.png$", Path.GetFileName(saved[0]));
        Assert.Matches(@"^statement-1-\d{4}-\d{2}\.pdf$", Path.GetFileName(saved[1]));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(saved[0])[..4]);
        Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(saved[1])[..5]);
        Assert.Contains("Flower shop: daily charges of the last 30 days and the balance", run.Output, StringComparison.Ordinal);
        Assert.Contains("Flower shop: statement for ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_DemoAgencyInvoice_IsADocumentWithTheDemoProviderAndBothQrCodes()
    {
        using var folder = new CliFixture();

        // #2: Ad agency (RUB); #2: Top up; an amount typed; #1: Confirm; #2: the new invoice's PDF.
        var run = await ChildProcess.RunAsync(folder.Folder, [], input: "#2\n#2\n12345.60\n#1\n#2\n");

        Assert.True(run.ExitCode == 0, run.Error);
        var saved = Regex.Match(run.Output, @"^💾 (.+invoice-.+\.pdf)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        var pdf = new BillingBot.Documents.DocumentFile(Path.GetFileName(saved), "application/pdf", File.ReadAllBytes(saved));
        var text = Assert.Single(Documents.DocumentFixture.Pages(pdf));
        Assert.Contains("Payee ООО «Демо Хостинг» Tax ID 7700000009 KPP 770001001", text, StringComparison.Ordinal);
        Assert.Contains("Including VAT 22%: ₽2,226.26", text, StringComparison.Ordinal);
        var codes = Documents.DocumentFixture.QrCodes(pdf);
        Assert.Equal(2, codes.Count);
        Assert.StartsWith("ST00012|Name=ООО «Демо Хостинг»|PersonalAcc=40702810900000000000|", codes[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_TypedNumberInTheLowBalanceStep_IsTheNumberNotAButton()
    {
        using var folder = new CliFixture();

        // #1: Flower shop; #6: Settings; #6: Low-balance alert; then 1 typed: one day, though [#1] is a button too.
        var run = await ChildProcess.RunAsync(folder.Folder, [], input: "#1\n#6\n#6\n1\n");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Low-balance alert: when the money lasts fewer than 1 day", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Program_RestartedInTheMiddleOfATopUp_ResumesAtTheAmountStep()
    {
        using var folder = new CliFixture();

        // #1: Flower shop; #2: Top up; then the input closes (the chat is stopped) in the middle of the flow.
        await ChildProcess.RunAsync(folder.Folder, [], input: "#1\n#2\n");
        var resumed = await ChildProcess.RunAsync(folder.Folder, [], input: "250\n");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.DoesNotContain("Which account?", resumed.Output, StringComparison.Ordinal);
        Assert.Contains("Top up Flower shop by $250.00?", resumed.Output, StringComparison.Ordinal);
    }
}
