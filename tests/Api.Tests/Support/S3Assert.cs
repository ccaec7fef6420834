using System.Net;
using Amazon.S3;

namespace BleepStore.Api.Tests.Support;

internal static class S3Assert
{
    public static async Task<AmazonS3Exception> ErrorAsync(Func<Task> call, HttpStatusCode status, string code)
    {
        var e = await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.ErrorCode);
        return e;
    }

    public static string NewBucket(string prefix = "s") => prefix + "-" + Guid.NewGuid().ToString("N")[..20];
}
