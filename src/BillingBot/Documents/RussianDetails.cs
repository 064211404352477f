namespace BillingBot.Documents;

/// <summary>The checks a Russian bank makes of payment details: ИНН check digits and the control key of an account at a БИК.</summary>
internal static class RussianDetails
{
    /// <summary>The longest bank name a ГОСТ Р 56042-2014 payment QR carries.</summary>
    public const int BankNameLength = 45;

    private static readonly int[] AccountWeights = [7, 1, 3];

    public static bool IsBic(string bic) => bic.Length == 9 && bic.All(char.IsAsciiDigit);

    /// <summary>An ИНН of an organisation (10 digits) or of a person (12), with its check digits right.</summary>
    public static bool IsInn(string inn)
    {
        if (!inn.All(char.IsAsciiDigit))
        {
            return false;
        }

        return inn.Length switch
        {
            10 => CheckDigit(inn, [2, 4, 10, 3, 5, 9, 4, 6, 8]) == inn[9] - '0',
            12 => CheckDigit(inn, [7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == inn[10] - '0' && CheckDigit(inn, [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) == inn[11] - '0',
            _ => false,
        };
    }

    /// <summary>A settlement account (р/с) at the bank of <paramref name="bic"/>: keyed with the БИК's last three digits.</summary>
    public static bool IsAccount(string account, string bic) => KeyHolds(bic[^3..] + account, account);

    /// <summary>The bank's correspondent account (корр. счёт): keyed with "0" and the БИК's fifth and sixth digits.</summary>
    public static bool IsCorrespondentAccount(string account, string bic) => KeyHolds("0" + bic[4..6] + account, account);

    private static int CheckDigit(string digits, int[] weights) => weights.Select((w, i) => w * (digits[i] - '0')).Sum() % 11 % 10;

    /// <summary>The Bank of Russia's control key: the last digits of each digit times 7, 1, 3, … add up to a multiple of 10.</summary>
    private static bool KeyHolds(string keyed, string account) =>
        account.Length == 20 && account.All(char.IsAsciiDigit)
        && keyed.Select((c, i) => (c - '0') * AccountWeights[i % 3] % 10).Sum() % 10 == 0;
}
