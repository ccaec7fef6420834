namespace BleepStore.E2E.Listing;

/// <summary>Keys for delimiter, paging and marker tests: `|`- and `--`-separated groups, many keys under few prefixes, 1100 flat keys.</summary>
public sealed class DelimiterFixture : BucketFixture
{
    public static readonly string[] PipeKeys = ["p|a|1", "p|a|2", "p|b|1", "p|c", "p|d|x|y", "plain"];

    public static readonly string[] DashKeys = ["d--one--1", "d--one--2", "d--two", "d-single", "d--three--x--y"];

    /// <summary>Five groups of five keys each, so that pages of 2 cut through groups.</summary>
    public static readonly string[] GroupedKeys = Enumerable.Range(0, 5)
        .SelectMany(g => Enumerable.Range(0, 5).Select(i => $"g/{(char)('a' + g)}/{i}"))
        .Concat(["g/loose-1", "g/loose-2", "g/z"])
        .ToArray();

    public static readonly string[] FlatKeys = Enumerable.Range(0, 1100).Select(i => $"flat/{i:D5}").ToArray();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var gate = new SemaphoreSlim(16);
        await Task.WhenAll(PipeKeys.Concat(DashKeys).Concat(GroupedKeys).Concat(FlatKeys).Select(async key =>
        {
            await gate.WaitAsync();
            try
            {
                await S3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket, Key = key, ContentBody = key });
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
