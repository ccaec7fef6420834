using BleepStore.Api.Http;
using BleepStore.Application;
using BleepStore.Application.Cors;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Api.S3;

/// <summary>
/// The S3 endpoint: route → bind → <see cref="IMediator.Send{TResponse}"/> → write. Authentication,
/// validation and every S3 rule run in the Application's pipeline; failures go to <see cref="ErrorResponder"/>.
/// The operations live in partial files by area: buckets and listings, objects, multipart.
/// </summary>
internal sealed partial class S3RequestHandler(IMediator mediator, S3Router router, S3Options options, ErrorResponder errors, CorsLookup cors)
{
    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await DispatchAsync(context).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await errors.WriteAsync(context, e).ConfigureAwait(false);
        }
    }

    private Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var target = RawTarget.Of(context);
        var query = QueryParameters.Parse(target.Query);
        var route = router.Route(request.Method, target.Path, query, request.Headers.Host, request.Headers.ContainsKey("x-amz-copy-source"));
        var identity = RequestIdentity.Of(context);
        identity.Operation = OperationName(route.Operation);
        identity.S3Context = new S3RequestContext
        {
            RequestId = identity.RequestId,
            Http = RequestBinder.Facts(request, target, route.VirtualHosted ? route.Bucket : null),
            ExpectedOwners = ExpectedOwners(route, request.Headers),
        };
        var call = new S3Call(
            context,
            identity.S3Context,
            route,
            query);

        // CORS headers go on the response before the operation runs, so error answers carry them too; a request
        // without Origin (or a preflight, which answers for itself) pays nothing for CORS.
        if (route.Bucket is not null && route.Operation != S3Operation.PreflightCors && request.Headers.Origin is { Count: > 0 } origin)
        {
            return DispatchWithCorsAsync(call, origin.ToString());
        }

        return Run(call);
    }

    private async Task DispatchWithCorsAsync(S3Call call, string origin)
    {
        if (await cors.FindAsync(call.Route.Bucket!, origin, call.Request.Method, call.Ct).ConfigureAwait(false) is { } answer)
        {
            CorsHeaders.Apply(call.Context.Response, answer);
        }

        await Run(call).ConfigureAwait(false);
    }

    private Task Run(S3Call call)
    {
        // Nothing encrypts at rest yet: an SSE header must not be accepted and ignored (docs/architecture.md).
        EncryptionHeaders.Refuse(call.Headers);

        return call.Route.Operation switch
        {
            S3Operation.ListBuckets => ListBucketsAsync(call),
            S3Operation.CreateBucket => CreateBucketAsync(call),
            S3Operation.DeleteBucket => DeleteBucketAsync(call),
            S3Operation.HeadBucket => HeadBucketAsync(call),
            S3Operation.GetBucketLocation => GetBucketLocationAsync(call),
            S3Operation.GetBucketVersioning => GetBucketVersioningAsync(call),
            S3Operation.PutBucketVersioning => PutBucketVersioningAsync(call),
            S3Operation.GetBucketAcl => GetBucketAclAsync(call),
            S3Operation.PutBucketAcl => PutBucketAclAsync(call),
            S3Operation.ListObjectsV2 => ListObjectsV2Async(call),
            S3Operation.ListObjects => ListObjectsAsync(call),
            S3Operation.ListObjectVersions => ListObjectVersionsAsync(call),
            S3Operation.ListMultipartUploads => ListMultipartUploadsAsync(call),
            S3Operation.DeleteObjects => DeleteObjectsAsync(call),
            S3Operation.PutObject => PutObjectAsync(call),
            S3Operation.CopyObject => CopyObjectAsync(call),
            S3Operation.GetObject => GetObjectAsync(call),
            S3Operation.HeadObject => HeadObjectAsync(call),
            S3Operation.DeleteObject => DeleteObjectAsync(call),
            S3Operation.GetObjectAcl => GetObjectAclAsync(call),
            S3Operation.PutObjectAcl => PutObjectAclAsync(call),
            S3Operation.CreateMultipartUpload => CreateMultipartUploadAsync(call),
            S3Operation.UploadPart => UploadPartAsync(call),
            S3Operation.UploadPartCopy => UploadPartCopyAsync(call),
            S3Operation.CompleteMultipartUpload => CompleteMultipartUploadAsync(call),
            S3Operation.AbortMultipartUpload => AbortMultipartUploadAsync(call),
            S3Operation.ListParts => ListPartsAsync(call),
            S3Operation.PutObjectTagging => PutObjectTaggingAsync(call),
            S3Operation.GetObjectTagging => GetObjectTaggingAsync(call),
            S3Operation.DeleteObjectTagging => DeleteObjectTaggingAsync(call),
            S3Operation.PutBucketTagging => PutBucketTaggingAsync(call),
            S3Operation.GetBucketTagging => GetBucketTaggingAsync(call),
            S3Operation.DeleteBucketTagging => DeleteBucketTaggingAsync(call),
            S3Operation.PutBucketCors => PutBucketCorsAsync(call),
            S3Operation.GetBucketCors => GetBucketCorsAsync(call),
            S3Operation.DeleteBucketCors => DeleteBucketCorsAsync(call),
            S3Operation.PreflightCors => PreflightCorsAsync(call),
            S3Operation.PutBucketOwnershipControls => PutBucketOwnershipControlsAsync(call),
            S3Operation.GetBucketOwnershipControls => GetBucketOwnershipControlsAsync(call),
            S3Operation.DeleteBucketOwnershipControls => DeleteBucketOwnershipControlsAsync(call),
            S3Operation.GetObjectAttributes => GetObjectAttributesAsync(call),
            S3Operation.PostObject => PostObjectAsync(call),
            S3Operation.PutObjectLockConfiguration => PutObjectLockConfigurationAsync(call),
            S3Operation.GetObjectLockConfiguration => GetObjectLockConfigurationAsync(call),
            S3Operation.PutObjectRetention => PutObjectRetentionAsync(call),
            S3Operation.GetObjectRetention => GetObjectRetentionAsync(call),
            S3Operation.PutObjectLegalHold => PutObjectLegalHoldAsync(call),
            S3Operation.GetObjectLegalHold => GetObjectLegalHoldAsync(call),
            S3Operation.PutBucketLifecycleConfiguration => PutBucketLifecycleAsync(call),
            S3Operation.GetBucketLifecycleConfiguration => GetBucketLifecycleAsync(call),
            S3Operation.DeleteBucketLifecycle => DeleteBucketLifecycleAsync(call),
            _ => throw new S3Exception(S3Errors.NotImplemented),
        };
    }

    /// <summary>
    /// <c>x-amz-expected-bucket-owner</c> / <c>x-amz-source-expected-bucket-owner</c> for any operation on a bucket
    /// (CreateBucket has no owner to compare); null when neither header was sent.
    /// </summary>
    private static ExpectedBucketOwners? ExpectedOwners(S3Route route, IHeaderDictionary headers)
    {
        if (route.Bucket is null || route.Operation == S3Operation.CreateBucket)
        {
            return null;
        }

        var owner = RequestBinder.Header(headers, "x-amz-expected-bucket-owner");
        var sourceOwner = RequestBinder.Header(headers, "x-amz-source-expected-bucket-owner");
        return owner is null && sourceOwner is null ? null : new ExpectedBucketOwners(route.Bucket, owner, SourceOwnerId: sourceOwner);
    }

    /// <summary>The operation's name for metrics and logs (the Application's names); <c>Unknown</c> for what is not built.</summary>
    private static string OperationName(S3Operation operation)
    {
        var index = (int)operation;
        return operation != S3Operation.NotImplemented && (uint)index < (uint)OperationNames.Length ? OperationNames[index] : "Unknown";
    }

    private static readonly string[] OperationNames = Enum.GetValues<S3Operation>().OrderBy(o => (int)o).Select(o => o.ToString()).ToArray();

    private static void Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (status != StatusCodes.Status204NoContent)
        {
            context.Response.ContentLength = 0;
        }
    }

    /// <summary>One routed request: what every operation binds from.</summary>
    private readonly record struct S3Call(HttpContext Context, S3RequestContext S3, S3Route Route, QueryParameters Query)
    {
        public HttpRequest Request => Context.Request;

        public IHeaderDictionary Headers => Context.Request.Headers;

        public string Bucket => Route.Bucket!;

        public string Key => Route.Key!;

        public CancellationToken Ct => Context.RequestAborted;
    }
}
