using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Buckets.DeleteBucket;
using BleepStore.Application.Buckets.GetBucketAcl;
using BleepStore.Application.Buckets.GetBucketLocation;
using BleepStore.Application.Buckets.HeadBucket;
using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Application.Buckets.PutBucketAcl;
using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Objects.DeleteObject;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.HeadObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using MediatR;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.S3;

/// <summary>
/// The S3 endpoint: route → bind → <see cref="IMediator.Send{TResponse}"/> → write. Authentication,
/// validation and every S3 rule run in the Application's pipeline; failures go to <see cref="ErrorResponder"/>.
/// </summary>
internal sealed class S3RequestHandler(IMediator mediator, S3Router router, S3Options options, ErrorResponder errors)
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

    private async Task DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        var target = RawTarget.Of(context);
        var query = QueryParameters.Parse(target.Query);
        var route = router.Route(request.Method, target.Path, query, request.Headers.Host, request.Headers.ContainsKey("x-amz-copy-source"));
        var s3 = new S3RequestContext { RequestId = RequestIdentity.Of(context).RequestId, Http = RequestBinder.Facts(request, target) };
        var bucket = route.Bucket!;
        var key = route.Key!;
        var ct = context.RequestAborted;

        switch (route.Operation)
        {
            case S3Operation.ListBuckets:
                var buckets = await mediator.Send(new ListBucketsQuery(s3, RequestBinder.NonEmpty(query, "prefix")), ct).ConfigureAwait(false);
                await XmlResponse.WriteAsync(context, 200, buckets, BucketXml.ListAllMyBuckets).ConfigureAwait(false);
                return;

            case S3Operation.CreateBucket:
                var location = await ReadLocationConstraintAsync(request, ct).ConfigureAwait(false);
                var created = await mediator.Send(new CreateBucketCommand(s3, bucket, location, RequestBinder.Acl(request.Headers)), ct).ConfigureAwait(false);
                context.Response.Headers.Location = created.Location;
                Empty(context, StatusCodes.Status200OK);
                return;

            case S3Operation.DeleteBucket:
                await mediator.Send(new DeleteBucketCommand(s3, bucket), ct).ConfigureAwait(false);
                Empty(context, StatusCodes.Status204NoContent);
                return;

            case S3Operation.HeadBucket:
                var head = await mediator.Send(new HeadBucketQuery(s3, bucket), ct).ConfigureAwait(false);
                context.Response.Headers["x-amz-bucket-region"] = head.Region;
                Empty(context, StatusCodes.Status200OK);
                return;

            case S3Operation.GetBucketLocation:
                var region = await mediator.Send(new GetBucketLocationQuery(s3, bucket), ct).ConfigureAwait(false);
                await XmlResponse.WriteAsync(context, 200, region.LocationConstraint, BucketXml.LocationConstraint).ConfigureAwait(false);
                return;

            case S3Operation.GetBucketAcl:
                var acl = await mediator.Send(new GetBucketAclQuery(s3, bucket), ct).ConfigureAwait(false);
                await XmlResponse.WriteAsync(context, 200, acl, BucketXml.AccessControlPolicy).ConfigureAwait(false);
                return;

            case S3Operation.PutBucketAcl:
                var policy = await ReadAclPolicyAsync(request, ct).ConfigureAwait(false);
                await mediator.Send(new PutBucketAclCommand(s3, bucket, RequestBinder.Acl(request.Headers, policy)), ct).ConfigureAwait(false);
                Empty(context, StatusCodes.Status200OK);
                return;

            case S3Operation.ListObjectsV2:
                var v2 = new ListObjectsV2Query(
                    s3,
                    bucket,
                    query.Get("prefix"),
                    RequestBinder.NonEmpty(query, "delimiter"),
                    RequestBinder.Int(query, "max-keys"),
                    query.Get("continuation-token"),
                    RequestBinder.NonEmpty(query, "start-after"),
                    RequestBinder.Bool(query, "fetch-owner"),
                    query.Get("encoding-type"));
                var page2 = await mediator.Send(v2, ct).ConfigureAwait(false);
                await XmlResponse.WriteAsync(context, 200, page2, ListingXml.ListObjectsV2).ConfigureAwait(false);
                return;

            case S3Operation.ListObjects:
                var v1 = new ListObjectsQuery(
                    s3,
                    bucket,
                    query.Get("prefix"),
                    RequestBinder.NonEmpty(query, "delimiter"),
                    RequestBinder.Int(query, "max-keys"),
                    RequestBinder.NonEmpty(query, "marker"),
                    query.Get("encoding-type"));
                var page1 = await mediator.Send(v1, ct).ConfigureAwait(false);
                await XmlResponse.WriteAsync(context, 200, page1, ListingXml.ListObjects).ConfigureAwait(false);
                return;

            case S3Operation.PutObject:
                await PutObjectAsync(context, s3, bucket, key).ConfigureAwait(false);
                return;

            case S3Operation.GetObject:
                var get = new GetObjectQuery(s3, bucket, key, RequestBinder.Header(request.Headers, HeaderNames.Range), RequestBinder.Conditions(request.Headers),
                    RequestBinder.Overrides(query), RequestBinder.Int(query, "partNumber"));
                var got = await mediator.Send(get, ct).ConfigureAwait(false);
                ObjectResponse.WriteHeaders(context, got.Object, got.Range, got.NotModified, got.ResponseOverrides);
                if (got.Body is { } body)
                {
                    await ObjectResponse.CopyBodyAsync(context, body).ConfigureAwait(false);
                }

                return;

            case S3Operation.HeadObject:
                var headQuery = new HeadObjectQuery(s3, bucket, key, RequestBinder.Header(request.Headers, HeaderNames.Range), RequestBinder.Conditions(request.Headers),
                    RequestBinder.Overrides(query), RequestBinder.Int(query, "partNumber"));
                var headed = await mediator.Send(headQuery, ct).ConfigureAwait(false);
                ObjectResponse.WriteHeaders(context, headed.Object, headed.Range, headed.NotModified, headed.ResponseOverrides);
                return;

            case S3Operation.DeleteObject:
                await mediator.Send(new DeleteObjectCommand(s3, bucket, key), ct).ConfigureAwait(false);
                Empty(context, StatusCodes.Status204NoContent);
                return;

            default:
                // Routed but not built yet (multipart, copy, object ACLs, batch delete) or not S3 at all.
                throw new S3Exception(S3Errors.NotImplemented);
        }
    }

    private async Task PutObjectAsync(HttpContext context, S3RequestContext s3, string bucket, string key)
    {
        var request = context.Request;
        var headers = request.Headers;
        var command = new PutObjectCommand
        {
            Context = s3,
            Bucket = bucket,
            Key = key,
            ContentLength = RequestBinder.PayloadLength(request),
            Body = request.Body,
            ContentMd5 = RequestBinder.Header(headers, "Content-MD5"),
            Content = RequestBinder.Content(headers),
            UserMetadata = RequestBinder.UserMetadata(headers),
            Acl = RequestBinder.Acl(headers),
            StorageClass = RequestBinder.Header(headers, "x-amz-storage-class"),
            IfNoneMatch = RequestBinder.Header(headers, HeaderNames.IfNoneMatch),
            IfMatch = RequestBinder.Header(headers, HeaderNames.IfMatch),
            ChecksumHeaders = RequestBinder.ChecksumHeaders(headers),
        };

        var result = await mediator.Send(command, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.ETag = result.ETag;
        ObjectResponse.WriteChecksums(context.Response.Headers, result.Checksums);
        Empty(context, StatusCodes.Status200OK);
    }

    private async Task<string?> ReadLocationConstraintAsync(HttpRequest request, CancellationToken ct)
    {
        using var body = await ReadXmlBodyAsync(request, ct).ConfigureAwait(false);
        return body is null ? null : RequestXml.LocationConstraint(body);
    }

    private async Task<Domain.Access.AccessControlList?> ReadAclPolicyAsync(HttpRequest request, CancellationToken ct)
    {
        using var body = await ReadXmlBodyAsync(request, ct).ConfigureAwait(false);
        return body is null ? null : RequestXml.AccessControlPolicy(body);
    }

    private Task<PooledBufferStream?> ReadXmlBodyAsync(HttpRequest request, CancellationToken ct) =>
        request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey(HeaderNames.TransferEncoding))
            ? Task.FromResult<PooledBufferStream?>(null)
            : XmlBodyReader.ReadAsync(request.Body, options.MaxXmlBodySize, ct);

    private static void Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        if (status != StatusCodes.Status204NoContent)
        {
            context.Response.ContentLength = 0;
        }
    }
}
