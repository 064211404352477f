using System.Security.Cryptography;
using System.Text;

namespace BillingBot.Admin;

/// <summary>The operator API's bearer token: <c>Admin:Token</c>, else one made once beside the database and reused at every start.</summary>
internal static class AdminToken
{
    /// <summary>The file beside the database that keeps a made token, readable by its owner only.</summary>
    public static string PathOf(string databasePath) => databasePath + ".token";

    /// <summary>The configured token, or the one kept beside the database (made now if there is none).</summary>
    public static string Resolve(string? configured, string databasePath)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var path = PathOf(databasePath);
        if (Read(path) is { } kept)
        {
            return kept;
        }

        return Write(path, NewToken());
    }

    /// <summary>
    /// Replaces the kept token with a new one, written beside it and renamed over it, so the file always holds one
    /// whole token; a running bot checks requests against the new one from then on.
    /// </summary>
    public static void Rotate(string databasePath)
    {
        var path = PathOf(databasePath);
        var partial = path + ".partial";
        File.Delete(partial);
        Write(partial, NewToken());
        File.Move(partial, path, overwrite: true);
    }

    /// <summary>The kept token, or null when there is none.</summary>
    public static string? Read(string path) => File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } token ? token : null;

    /// <summary>Whether <paramref name="given"/> is <paramref name="token"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(string token, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(given));

    private static string NewToken() => RandomNumberGenerator.GetHexString(64, lowercase: true);

    private static string Write(string path, string token)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, Encoding.ASCII, options))
        {
            file.Write(token);
        }

        return token;
    }
}

/// <summary>The token requests are checked against now: the configured one, or the kept one, read again whenever its file changes (a rotation).</summary>
internal sealed class CurrentToken(string? configured, string databasePath)
{
    private Kept? _kept;

    public string Value
    {
        get
        {
            if (!string.IsNullOrEmpty(configured))
            {
                return configured;
            }

            var path = AdminToken.PathOf(databasePath);
            var written = File.GetLastWriteTimeUtc(path);
            if (_kept is { } kept && kept.Written == written)
            {
                return kept.Token;
            }

            var token = AdminToken.Resolve(null, databasePath);
            _kept = new Kept(File.GetLastWriteTimeUtc(path), token);
            return token;
        }
    }

    private sealed record Kept(DateTime Written, string Token);
}
