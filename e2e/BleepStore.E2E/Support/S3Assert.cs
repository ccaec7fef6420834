using System.Net;

namespace BleepStore.E2E.Support;

internal static class S3Assert
{
    /// <summary>Runs the call and asserts it fails with the given S3 error code and HTTP status.</summary>
    public static async Task<AmazonS3Exception> FailsWithAsync(string code, HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.ErrorCode);
        return error;
    }

    /// <summary>For HEAD requests, which carry no error body: only the status can be checked.</summary>
    public static async Task FailsWithStatusAsync(HttpStatusCode status, Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal(status, error.StatusCode);
    }

    public static void EtagIsMd5(byte[] md5, string? etag) =>
        Assert.Equal("\"" + Convert.ToHexStringLower(md5) + "\"", etag);
}
