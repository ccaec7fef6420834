namespace FileArchiver;

/// <param name="Once">Archive what is in the inbox now, then stop (how the test command runs it).</param>
public sealed record ArchiverSettings(string Inbox, string DataDirectory, string Bucket, bool Once)
{
    public static ArchiverSettings From(IConfiguration configuration) => new(
        configuration["inbox"] ?? "inbox",
        configuration["data"] ?? "archive-data",
        configuration["bucket"] ?? "archive",
        bool.TryParse(configuration["once"], out var once) && once);
}
