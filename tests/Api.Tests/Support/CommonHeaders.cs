using System.Text.RegularExpressions;

namespace BleepStore.Api.Tests.Support;

internal static partial class CommonHeaders
{
    public static string AssertPresent(HttpResponseMessage response)
    {
        var id = Assert.Single(response.Headers.GetValues("x-amz-request-id"));
        Assert.Matches(RequestId(), id);
        Assert.NotEmpty(Convert.FromBase64String(Assert.Single(response.Headers.GetValues("x-amz-id-2"))));
        Assert.NotNull(response.Headers.Date);
        Assert.Equal("BleepStore", response.Headers.Server.ToString());
        return id;
    }

    [GeneratedRegex("^[0-9A-F]{16}$")]
    private static partial Regex RequestId();
}
