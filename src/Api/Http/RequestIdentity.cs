using System.Diagnostics;
using BleepStore.Application.Requests;

namespace BleepStore.Api.Http;

/// <summary>Per-request ids (spec 50: <c>x-amz-request-id</c>, <c>x-amz-id-2</c>) and the start time; a request feature.</summary>
internal sealed class RequestIdentity
{
    private RequestIdentity(string requestId, string hostId)
    {
        RequestId = requestId;
        HostId = hostId;
    }

    public string RequestId { get; }

    public string HostId { get; }

    public long StartTimestamp { get; } = Stopwatch.GetTimestamp();

    /// <summary>The S3 operation the router chose (metrics and logs); null for infra paths.</summary>
    public string? Operation { get; set; }

    /// <summary>The S3 request's context (its caller's access key id, once authenticated) for the request log.</summary>
    public S3RequestContext? S3Context { get; set; }

    public static RequestIdentity New()
    {
        Span<byte> bytes = stackalloc byte[24];
        Random.Shared.NextBytes(bytes);
        return new RequestIdentity(RequestIds.New(), Convert.ToBase64String(bytes));
    }

    public static RequestIdentity Of(HttpContext context)
    {
        var identity = context.Features.Get<RequestIdentity>();
        if (identity is null)
        {
            identity = New();
            context.Features.Set(identity);
        }

        return identity;
    }
}
