using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Buckets.DeleteBucket;
using BleepStore.Application.Buckets.GetBucketAcl;
using BleepStore.Application.Buckets.GetBucketLocation;
using BleepStore.Application.Buckets.GetBucketVersioning;
using BleepStore.Application.Buckets.HeadBucket;
using BleepStore.Application.Buckets.ListBuckets;
using BleepStore.Application.Buckets.PutBucketAcl;
using BleepStore.Application.Listing.ListObjects;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Listing.ListObjectVersions;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Uploads.ListMultipartUploads;

namespace BleepStore.Api.S3;

/// <summary>Service and bucket operations, listings and DeleteObjects (spec 10, 20, 30).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task ListBucketsAsync(S3Call c)
    {
        var q = c.Query;
        var query = new ListBucketsQuery(
            c.S3,
            RequestBinder.NonEmpty(q, "prefix"),
            RequestBinder.Int(q, "max-buckets"),
            q.Get("continuation-token"),
            RequestBinder.NonEmpty(q, "bucket-region"),
            q.Get("max-buckets"));
        var buckets = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, buckets, BucketXml.ListAllMyBuckets).ConfigureAwait(false);
    }

    private async Task CreateBucketAsync(S3Call c)
    {
        var configuration = RequestBinder.Document(c.Request, RequestXml.LocationConstraint, options.MaxXmlBodySize);
        var created = await mediator.Send(new CreateBucketCommand(c.S3, c.Bucket, configuration, RequestBinder.Acl(c.Headers), RequestBinder.Header(c.Headers, "x-amz-object-ownership"), ObjectLockAccessHeaders.BucketLockEnabled(c.Headers)), c.Ct).ConfigureAwait(false);
        c.Context.Response.Headers.Location = created.Location;
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task DeleteBucketAsync(S3Call c)
    {
        await mediator.Send(new DeleteBucketCommand(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }

    private async Task HeadBucketAsync(S3Call c)
    {
        var head = await mediator.Send(new HeadBucketQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        c.Context.Response.Headers["x-amz-bucket-region"] = head.Region;
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetBucketLocationAsync(S3Call c)
    {
        var region = await mediator.Send(new GetBucketLocationQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, region.LocationConstraint, BucketXml.LocationConstraint).ConfigureAwait(false);
    }

    private async Task PutBucketVersioningAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, BucketXml.ParseVersioningConfiguration, options.MaxXmlBodySize);
        await mediator.Send(new Application.Buckets.PutBucketVersioning.PutBucketVersioningCommand(c.S3, c.Bucket, document, RequestBinder.Header(c.Headers, "x-amz-mfa")), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetBucketVersioningAsync(S3Call c)
    {
        var versioning = await mediator.Send(new GetBucketVersioningQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, versioning.Status, BucketXml.VersioningConfiguration).ConfigureAwait(false);
    }

    private async Task GetBucketAclAsync(S3Call c)
    {
        var acl = await mediator.Send(new GetBucketAclQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, acl, BucketXml.AccessControlPolicy).ConfigureAwait(false);
    }

    private async Task PutBucketAclAsync(S3Call c)
    {
        var policy = RequestBinder.Document(c.Request, RequestXml.AccessControlPolicy, options.MaxXmlBodySize);
        await mediator.Send(new PutBucketAclCommand(c.S3, c.Bucket, RequestBinder.Acl(c.Headers), policy), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task ListObjectsV2Async(S3Call c)
    {
        var q = c.Query;
        var query = new ListObjectsV2Query(
            c.S3,
            c.Bucket,
            q.Get("prefix"),
            RequestBinder.NonEmpty(q, "delimiter"),
            RequestBinder.Int(q, "max-keys"),
            q.Get("continuation-token"),
            RequestBinder.NonEmpty(q, "start-after"),
            RequestBinder.Bool(q, "fetch-owner"),
            q.Get("encoding-type"),
            q.Get("max-keys"));
        var page = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, page, ListingXml.ListObjectsV2).ConfigureAwait(false);
    }

    private async Task ListObjectsAsync(S3Call c)
    {
        var q = c.Query;
        var query = new ListObjectsQuery(
            c.S3,
            c.Bucket,
            q.Get("prefix"),
            RequestBinder.NonEmpty(q, "delimiter"),
            RequestBinder.Int(q, "max-keys"),
            RequestBinder.NonEmpty(q, "marker"),
            q.Get("encoding-type"),
            q.Get("max-keys"),
            q.Get("list-type"));
        var page = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, page, ListingXml.ListObjects).ConfigureAwait(false);
    }

    private async Task ListObjectVersionsAsync(S3Call c)
    {
        var q = c.Query;
        var query = new ListObjectVersionsQuery(
            c.S3,
            c.Bucket,
            q.Get("prefix"),
            RequestBinder.NonEmpty(q, "delimiter"),
            RequestBinder.Int(q, "max-keys"),
            RequestBinder.NonEmpty(q, "key-marker"),
            RequestBinder.NonEmpty(q, "version-id-marker"),
            q.Get("encoding-type"),
            q.Get("max-keys"));
        var page = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, page, ListingXml.ListVersions).ConfigureAwait(false);
    }

    private async Task ListMultipartUploadsAsync(S3Call c)
    {
        var q = c.Query;
        var query = new ListMultipartUploadsQuery(
            c.S3,
            c.Bucket,
            q.Get("prefix"),
            RequestBinder.NonEmpty(q, "delimiter"),
            RequestBinder.NonEmpty(q, "key-marker"),
            RequestBinder.NonEmpty(q, "upload-id-marker"),
            RequestBinder.Int(q, "max-uploads"),
            q.Get("encoding-type"),
            q.Get("max-uploads"));
        var page = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, page, MultipartXml.ListMultipartUploadsResult).ConfigureAwait(false);
    }

    private async Task DeleteObjectsAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, RequestXml.Delete, options.MaxXmlBodySize);
        var result = await mediator.Send(new DeleteObjectsCommand(c.S3, c.Bucket, document, ObjectLockAccessHeaders.Bypass(c.Headers)), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, result, ObjectXml.DeleteResult).ConfigureAwait(false);
    }
}
