using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Uploads.Fakes;

internal static class S3Assert
{
    public static async Task<S3Exception> ThrowsAsync(string code, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<S3Exception>(action);
        Assert.Equal(code, ex.Error.Code);
        return ex;
    }
}
