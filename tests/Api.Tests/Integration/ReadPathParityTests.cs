using System.Net;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// GET and HEAD share one read path: for every condition, range and part outcome, HEAD answers with
/// GET's status and headers (Content-Length included), only without a body.
/// </summary>
public sealed class ReadPathParityTests : IClassFixture<RawHttpTests.NoAuthFactory>
{
    private static readonly string[] PerResponse = ["Date", "x-amz-request-id", "x-amz-id-2"];
    private readonly HttpClient _http;

    public ReadPathParityTests(RawHttpTests.NoAuthFactory factory) => _http = factory.CreateClient();

    [Theory]
    [InlineData("", null, null, HttpStatusCode.OK)]
    [InlineData("", "Range", "bytes=2-5", HttpStatusCode.PartialContent)]
    [InlineData("", "Range", "bytes=-3", HttpStatusCode.PartialContent)]
    [InlineData("", "Range", "bytes=100-", HttpStatusCode.RequestedRangeNotSatisfiable)]
    [InlineData("", "Range", "bytes=x", HttpStatusCode.OK)]
    [InlineData("", "If-Match", "\"nope\"", HttpStatusCode.PreconditionFailed)]
    [InlineData("", "If-None-Match", "*", HttpStatusCode.NotModified)]
    [InlineData("", "If-Modified-Since", "Sat, 01 Jan 2050 00:00:00 GMT", HttpStatusCode.NotModified)]
    [InlineData("", "If-Unmodified-Since", "Sat, 01 Jan 2000 00:00:00 GMT", HttpStatusCode.PreconditionFailed)]
    [InlineData("?partNumber=1", null, null, HttpStatusCode.PartialContent)]
    [InlineData("?partNumber=2", null, null, HttpStatusCode.RequestedRangeNotSatisfiable)]
    [InlineData("?partNumber=0", null, null, HttpStatusCode.BadRequest)]
    [InlineData("?partNumber=1", "Range", "bytes=0-1", HttpStatusCode.BadRequest)]
    [InlineData("?response-content-type=text/x-parity", null, null, HttpStatusCode.OK)]
    public async Task Head_AnswersWithGetsStatusAndHeaders_WithoutABody(string query, string? header, string? value, HttpStatusCode expected)
    {
        var bucket = "p-" + Guid.NewGuid().ToString("N")[..20];
        (await _http.PutAsync($"/{bucket}", null)).Dispose();
        (await _http.PutAsync($"/{bucket}/k", new StringContent("0123456789"))).Dispose();

        using var get = await _http.SendAsync(Request(HttpMethod.Get, $"/{bucket}/k{query}", header, value));
        using var head = await _http.SendAsync(Request(HttpMethod.Head, $"/{bucket}/k{query}", header, value));

        Assert.Equal(expected, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(Headers(get), Headers(head));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private static HttpRequestMessage Request(HttpMethod method, string target, string? header, string? value)
    {
        var request = new HttpRequestMessage(method, target);
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    }

    /// <summary>Every header but the per-response ones; an error's Content-Type/Length describe its XML, which HEAD does not send.</summary>
    private static SortedDictionary<string, string> Headers(HttpResponseMessage response)
    {
        var all = new SortedDictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!PerResponse.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                all[name] = string.Join(",", values);
            }
        }

        if ((int)response.StatusCode >= 400)
        {
            all.Remove("Content-Type");
            all.Remove("Content-Length");
        }

        return all;
    }
}
