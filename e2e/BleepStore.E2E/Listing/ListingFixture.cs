namespace BleepStore.E2E.Listing;

/// <summary>A bucket holding the acceptance suite's eight listing keys (spec 90).</summary>
public sealed class ListingFixture : BucketFixture
{
    public static readonly string[] Keys =
    [
        "file1.txt",
        "file2.txt",
        "photos/2024/jan/photo1.jpg",
        "photos/2024/jan/photo2.jpg",
        "photos/2024/feb/photo3.jpg",
        "photos/2025/mar/photo4.jpg",
        "docs/readme.md",
        "docs/guide.md",
    ];

    /// <summary>The keys in S3 listing order (UTF-8 byte order; ordinal is the same for ASCII).</summary>
    public static IReadOnlyList<string> SortedKeys { get; } = Keys.Order(StringComparer.Ordinal).ToArray();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var key in Keys)
        {
            await S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = "content of " + key });
        }
    }
}
