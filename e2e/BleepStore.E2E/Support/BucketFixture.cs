namespace BleepStore.E2E.Support;

/// <summary>One private bucket per test class, created before its first test and emptied and removed after its last.</summary>
public class BucketFixture : IAsyncLifetime
{
    internal AmazonS3Client S3 { get; } = S3Clients.Default();

    public string Bucket { get; } = BucketNames.New();

    public virtual async Task InitializeAsync() => await S3.PutBucketAsync(Bucket);

    public async Task DisposeAsync()
    {
        try
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(S3, Bucket);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            // The server may already be gone (the test that noticed has failed); cleanup must not hide that.
        }
        finally
        {
            S3.Dispose();
        }
    }
}
