using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>POST Object over real HTTP: forms signed as a browser page would carry them (docs/post-object.md).</summary>
public sealed class PostObjectTests : IClassFixture<BleepStoreFactory>
{
    private readonly IAmazonS3 _s3;
    private readonly HttpClient _http;

    public PostObjectTests(BleepStoreFactory factory)
    {
        _s3 = factory.CreateS3Client();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = factory.BaseAddress };
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = "post-" + Guid.NewGuid().ToString("N")[..12];
        await _s3.PutBucketAsync(bucket);
        return bucket;
    }

    /// <summary>The fields of a Signature Version 4 form for <paramref name="bucket"/>, its policy naming every field.</summary>
    private static List<(string Name, string Value)> V4Form(string bucket, string key, params (string Name, string Value)[] extra)
    {
        var now = DateTime.UtcNow;
        var date = now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var credential = $"{BleepStoreFactory.AccessKey}/{date}/us-east-1/s3/aws4_request";
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        List<(string Name, string Value)> fields = [("key", key), .. extra, ("x-amz-algorithm", "AWS4-HMAC-SHA256"), ("x-amz-credential", credential), ("x-amz-date", amzDate)];
        var conditions = string.Join(", ", fields.Select(f => $"{{\"{f.Name}\": \"{f.Value}\"}}").Append($"{{\"bucket\": \"{bucket}\"}}").Append("[\"content-length-range\", 0, 1000]"));
        var json = $"{{\"expiration\": \"{now.AddMinutes(5):yyyy-MM-dd'T'HH:mm:ss'Z'}\", \"conditions\": [{conditions}]}}";
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        var key1 = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + BleepStoreFactory.SecretKey), Encoding.UTF8.GetBytes(date));
        var key2 = HMACSHA256.HashData(key1, "us-east-1"u8.ToArray());
        var key3 = HMACSHA256.HashData(key2, "s3"u8.ToArray());
        var signingKey = HMACSHA256.HashData(key3, "aws4_request"u8.ToArray());
        fields.Add(("policy", policy));
        fields.Add(("x-amz-signature", Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(policy)))));
        return fields;
    }

    private Task<HttpResponseMessage> PostAsync(string bucket, IEnumerable<(string Name, string Value)> fields, byte[]? file, params (string Name, string Value)[] after)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (file is not null)
        {
            form.Add(new ByteArrayContent(file), "file", "photo.png");
        }

        foreach (var (name, value) in after)
        {
            form.Add(new StringContent(value), name);
        }

        return _http.PostAsync($"/{bucket}", form);
    }

    private static async Task<(string Code, string Message)> ErrorAsync(HttpResponseMessage response)
    {
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.False(string.IsNullOrEmpty(root.Element("RequestId")?.Value));
        return (root.Element("Code")!.Value, root.Element("Message")!.Value);
    }

    [Fact]
    public async Task SignedForm_Stores_204_WithETagAndLocation_FieldsAfterTheFileIgnored()
    {
        var bucket = await CreateBucketAsync();

        using var response = await PostAsync(bucket, V4Form(bucket, "up/${filename}", ("x-amz-meta-a", "b"), ("Content-Type", "image/png")), [1, 2, 3], ("x-amz-meta-late", "x"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("\"" + Convert.ToHexStringLower(MD5.HashData([1, 2, 3])) + "\"", response.Headers.ETag!.Tag);
        Assert.EndsWith($"/{bucket}/up/photo.png", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        using var got = await _s3.GetObjectAsync(bucket, "up/photo.png");
        Assert.Equal(("image/png", "b", 3L), (got.Headers.ContentType, got.Metadata["x-amz-meta-a"], got.ContentLength));
        Assert.DoesNotContain("x-amz-meta-late", got.Metadata.Keys);
    }

    [Fact]
    public async Task SuccessActionStatus201_PostResponseDocument()
    {
        var bucket = await CreateBucketAsync();

        using var response = await PostAsync(bucket, V4Form(bucket, "k", ("success_action_status", "201")), [7]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(("PostResponse", bucket, "k"), (root.Name.LocalName, root.Element("Bucket")!.Value, root.Element("Key")!.Value));
        Assert.Equal(response.Headers.ETag!.Tag, root.Element("ETag")!.Value);
    }

    [Fact]
    public async Task ChangedField_AccessDenied_TooLarge_EntityTooLarge_NothingStored()
    {
        var bucket = await CreateBucketAsync();
        var fields = V4Form(bucket, "k", ("x-amz-meta-a", "b"));
        fields[1] = ("x-amz-meta-a", "c");

        using var denied = await PostAsync(bucket, fields, [1]);
        using var large = await PostAsync(bucket, V4Form(bucket, "k"), new byte[1001]);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(("AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$x-amz-meta-a\", \"b\"]"), await ErrorAsync(denied));
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Equal("EntityTooLarge", (await ErrorAsync(large)).Code);
        Assert.Empty((await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []);
    }

    [Fact]
    public async Task NotMultipart_PreconditionFailed_Malformed_MalformedPOSTRequest_NoFile_IncorrectNumberOfFiles()
    {
        var bucket = await CreateBucketAsync();

        using var plain = await _http.PostAsync($"/{bucket}", new StringContent("key=k"));
        using var broken = await _http.PostAsync($"/{bucket}", new ByteArrayContent("--x\r\nno end"u8.ToArray()) { Headers = { { "Content-Type", "multipart/form-data; boundary=x" } } });
        using var noFile = await PostAsync(bucket, V4Form(bucket, "k"), null);

        Assert.Equal((HttpStatusCode.PreconditionFailed, "PreconditionFailed"), (plain.StatusCode, (await ErrorAsync(plain)).Code));
        Assert.Equal((HttpStatusCode.BadRequest, "MalformedPOSTRequest"), (broken.StatusCode, (await ErrorAsync(broken)).Code));
        Assert.Equal((HttpStatusCode.BadRequest, "IncorrectNumberOfFilesInPostRequest"), (noFile.StatusCode, (await ErrorAsync(noFile)).Code));
    }
}
