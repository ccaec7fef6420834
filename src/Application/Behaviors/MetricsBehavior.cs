using System.Collections.Concurrent;
using System.Diagnostics;
using BleepStore.Application.Diagnostics;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// Outermost behavior: counts every operation by name and outcome, and — only when a tracer listens to
/// <see cref="BleepStoreTracing.Source"/> — wraps it in a span named after the operation, tagged with the
/// operation, bucket, request id and outcome (never keys, signatures or secrets). Metadata and storage calls
/// inside become its child spans.
/// </summary>
internal sealed class MetricsBehavior<TRequest, TResponse>(BleepStoreMetrics metrics) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly KeyValuePair<string, object?> Success = new("status", "success");
    private static readonly KeyValuePair<string, object?> Error = new("status", "error");

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is Admin.IAdminRequest)
        {
            return await next().ConfigureAwait(false); // not an S3 operation: not counted among them
        }

        var name = OperationNames.Of(typeof(TRequest));
        var operation = new KeyValuePair<string, object?>("operation", name);
        using var span = BleepStoreTracing.Source.StartActivity(name, ActivityKind.Internal);
        if (span is not null)
        {
            SpanTags.Start(span, name, request);
        }

        try
        {
            var response = await next().ConfigureAwait(false);
            metrics.Operations.Add(1, operation, Success);
            span?.SetTag("s3.status", "success");
            return response;
        }
        catch (Exception e)
        {
            metrics.Operations.Add(1, operation, Error);
            if (span is not null)
            {
                SpanTags.Failed(span, e);
            }

            throw;
        }
    }
}

/// <summary>The operation span's tags; read only when a span exists.</summary>
internal static class SpanTags
{
    private static readonly ConcurrentDictionary<Type, Func<object, string?>?> BucketOf = new();

    public static void Start(Activity span, string operation, object? request)
    {
        span.SetTag("s3.operation", operation);
        if (request is null)
        {
            return;
        }

        if (BucketReader(request.GetType()) is { } bucket && bucket(request) is { } name)
        {
            span.SetTag("s3.bucket", name);
        }

        if (request.GetType().GetProperty(nameof(IS3Request<object>.Context))?.GetValue(request) is S3RequestContext context)
        {
            span.SetTag("s3.request_id", context.RequestId);
        }
    }

    public static void Failed(Activity span, Exception e)
    {
        span.SetTag("s3.status", "error");
        if (e is S3Exception s3)
        {
            span.SetTag("s3.error_code", s3.Error.Code);
            span.SetTag("http.response.status_code", s3.Error.HttpStatus);
            span.SetStatus(s3.Error.HttpStatus >= 500 ? ActivityStatusCode.Error : ActivityStatusCode.Unset, s3.Error.Code);
        }
        else
        {
            span.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
        }
    }

    private static Func<object, string?>? BucketReader(Type type) => BucketOf.GetOrAdd(type, static t =>
        t.GetProperty("Bucket") is { PropertyType: var p } property && p == typeof(string) ? o => (string?)property.GetValue(o) : null);
}
