using System.Net;

namespace BleepStore.E2E.Objects;

/// <summary>
/// Browser-based uploads (POST Object, docs/post-object.md) with a policy that AWSSDK.S3 signs itself
/// (CreatePresignedPostAsync): the form the SDK hands to a browser, posted as a browser would.
/// </summary>
public sealed class PostObjectTests : IAsyncLifetime
{
    private readonly AmazonS3Client _s3 = S3Clients.Default();
    private readonly string _bucket = BucketNames.New();

    public async Task InitializeAsync() => await _s3.PutBucketAsync(_bucket);

    public async Task DisposeAsync()
    {
        try
        {
            await BucketCleaner.DeleteBucketAndContentsAsync(_s3, _bucket);
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            // The server may already be gone (the test that noticed has failed); cleanup must not hide that.
        }
        finally
        {
            _s3.Dispose();
        }
    }

    [Fact]
    public async Task SdkSignedPolicy_FileWithinRange_StoredWithItsMetadata_TooLarge_EntityTooLargeAndNothingStored()
    {
        var response = await _s3.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = _bucket,
            Key = "uploads/${filename}",
            Expires = DateTime.UtcNow.AddMinutes(5),
            Fields = { ["Content-Type"] = "text/plain", ["x-amz-meta-origin"] = "sdk-form" },
            Conditions =
            [
                S3PostCondition.StartsWith("key", "uploads/"),
                S3PostCondition.ExactMatch("Content-Type", "text/plain"),
                S3PostCondition.ExactMatch("x-amz-meta-origin", "sdk-form"),
                S3PostCondition.ContentLengthRange(1, 64),
            ],
        });

        var ok = await PostAsync(response, "note.txt", "hello from a form"u8.ToArray());
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        using (var stored = await _s3.GetObjectAsync(_bucket, "uploads/note.txt"))
        {
            using var reader = new StreamReader(stored.ResponseStream);
            Assert.Equal("hello from a form", await reader.ReadToEndAsync());
            Assert.Equal("text/plain", stored.Headers.ContentType);
            Assert.Equal("sdk-form", stored.Metadata["x-amz-meta-origin"]);
        }

        var tooLarge = await PostAsync(response, "big.txt", new byte[65]);
        Assert.Equal(HttpStatusCode.BadRequest, tooLarge.StatusCode);
        Assert.Contains("<Code>EntityTooLarge</Code>", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var listed = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
        Assert.Equal(["uploads/note.txt"], (listed.S3Objects ?? []).Select(o => o.Key));
    }

    private static async Task<HttpResponseMessage> PostAsync(CreatePresignedPostResponse form, string fileName, byte[] body)
    {
        using var http = new HttpClient();
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Fields)
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new ByteArrayContent(body), "file", fileName);
        return await http.PostAsync(new Uri(form.Url), content);
    }
}
