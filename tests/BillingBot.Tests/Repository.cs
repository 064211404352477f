namespace BillingBot.Tests;

/// <summary>The checkout the tests run in, found from the test assembly upwards.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BillingBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("BillingBot.sln not found above the test assembly.");
    }
}
