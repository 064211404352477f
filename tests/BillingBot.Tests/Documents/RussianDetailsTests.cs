using BillingBot.Documents;

namespace BillingBot.Tests.Documents;

/// <summary>Checked against details published by real organisations (Sberbank's ИНН, БИК and correspondent account).</summary>
public sealed class RussianDetailsTests
{
    [Theory]
    [InlineData("7707083893", true)] // ПАО Сбербанк
    [InlineData("7707083894", false)]
    [InlineData("500100732259", true)] // a 12-digit ИНН of a person, both check digits right
    [InlineData("500100732258", false)]
    [InlineData("770708389", false)]
    [InlineData("77070838 3", false)]
    public void IsInn_ChecksItsCheckDigits(string inn, bool valid) => Assert.Equal(valid, RussianDetails.IsInn(inn));

    [Theory]
    [InlineData("30101810400000000225", "044525225", true)] // Sberbank's correspondent account at its БИК
    [InlineData("30101810400000000225", "040349602", false)] // the same account keyed with a bank in another region
    [InlineData("30101810145250000974", "044525974", true)]
    public void IsCorrespondentAccount_KeyedWithTheBik(string account, string bic, bool valid) =>
        Assert.Equal(valid, RussianDetails.IsCorrespondentAccount(account, bic));

    [Theory]
    [InlineData("40702810938000012345", "044525225", true)]
    [InlineData("40702810938000012354", "044525225", false)] // two digits swapped
    [InlineData("40702810938000012345", "044525974", false)]
    [InlineData("4070281093800001234", "044525225", false)]
    public void IsAccount_KeyedWithTheBik(string account, string bic, bool valid) =>
        Assert.Equal(valid, RussianDetails.IsAccount(account, bic));
}
