using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.DeleteObject;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.GetObjectAcl;
using BleepStore.Application.Objects.HeadObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Objects.PutObjectAcl;
using BleepStore.Domain.Objects;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.S3;

/// <summary>Object operations (spec 20).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task PutObjectAsync(S3Call c)
    {
        var headers = c.Headers;
        var command = new PutObjectCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Key = c.Key,
            ContentLength = RequestBinder.PayloadLength(c.Request),
            Body = c.Request.Body,
            ContentMd5 = RequestBinder.Header(headers, "Content-MD5"),
            Content = RequestBinder.Content(headers),
            UserMetadata = RequestBinder.UserMetadata(headers),
            Acl = RequestBinder.Acl(headers),
            StorageClass = RequestBinder.Header(headers, "x-amz-storage-class"),
            Tagging = RequestBinder.Header(headers, "x-amz-tagging"),
            IfNoneMatch = RequestBinder.Header(headers, HeaderNames.IfNoneMatch),
            IfMatch = RequestBinder.Header(headers, HeaderNames.IfMatch),
            ChecksumHeaders = RequestBinder.ChecksumHeaders(headers),
            ObjectLock = ObjectLockAccessHeaders.Lock(headers),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        c.Context.Response.Headers.ETag = result.ETag;
        ObjectResponse.WriteChecksums(c.Context.Response.Headers, result.Checksums);
        WriteVersionId(c, result.VersionId);
        WriteExpiration(c, result.Expiration);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task CopyObjectAsync(S3Call c)
    {
        var headers = c.Headers;
        var command = new CopyObjectCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Key = c.Key,
            CopySource = RequestBinder.Header(headers, "x-amz-copy-source") ?? "",
            SourceConditions = RequestBinder.CopySourceConditions(headers),
            MetadataDirective = RequestBinder.Header(headers, "x-amz-metadata-directive"),
            TaggingDirective = RequestBinder.Header(headers, "x-amz-tagging-directive"),
            Content = RequestBinder.Content(headers),
            UserMetadata = RequestBinder.UserMetadata(headers),
            Acl = RequestBinder.Acl(headers),
            StorageClass = RequestBinder.Header(headers, "x-amz-storage-class"),
            Tagging = RequestBinder.Header(headers, "x-amz-tagging"),
            IfNoneMatch = RequestBinder.Header(headers, HeaderNames.IfNoneMatch),
            IfMatch = RequestBinder.Header(headers, HeaderNames.IfMatch),
            ObjectLock = ObjectLockAccessHeaders.Lock(headers),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.VersionId);
        if (result.SourceVersionId is not null)
        {
            c.Context.Response.Headers["x-amz-copy-source-version-id"] = result.SourceVersionId;
        }

        await XmlResponse.WriteAsync(c.Context, 200, result, ObjectXml.CopyObjectResult).ConfigureAwait(false);
    }

    private async Task GetObjectAsync(S3Call c)
    {
        var range = RequestBinder.Header(c.Headers, HeaderNames.Range);
        var partNumber = RequestBinder.Int(c.Query, "partNumber");
        var query = new GetObjectQuery(c.S3, c.Bucket, c.Key, range, RequestBinder.Conditions(c.Headers), RequestBinder.Overrides(c.Query), partNumber, c.Query.Get("partNumber"), c.Query.Get("versionId"));
        var got = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        ObjectResponse.WriteHeaders(c.Context, got.Object, got.Range, got.NotModified, got.ResponseOverrides);
        WriteVersionId(c, got.Versioned ? VersionIds.ToWire(got.Object.VersionId) : null);
        WriteExpiration(c, got.Expiration);
        PartNumberReads.WritePartsCount(c.Context.Response.Headers, partNumber, got.Object);
        PartNumberReads.WritePartChecksum(c.Context, partNumber, got.Object);
        if (got.Body is { } body)
        {
            await ObjectResponse.CopyBodyAsync(c.Context, body).ConfigureAwait(false);
        }
    }

    private async Task HeadObjectAsync(S3Call c)
    {
        var range = RequestBinder.Header(c.Headers, HeaderNames.Range);
        var partNumber = RequestBinder.Int(c.Query, "partNumber");
        var query = new HeadObjectQuery(c.S3, c.Bucket, c.Key, range, RequestBinder.Conditions(c.Headers), RequestBinder.Overrides(c.Query), partNumber, c.Query.Get("partNumber"), c.Query.Get("versionId"));
        var headed = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        ObjectResponse.WriteHeaders(c.Context, headed.Object, headed.Range, headed.NotModified, headed.ResponseOverrides);
        WriteVersionId(c, headed.Versioned ? VersionIds.ToWire(headed.Object.VersionId) : null);
        WriteExpiration(c, headed.Expiration);
        PartNumberReads.WritePartsCount(c.Context.Response.Headers, partNumber, headed.Object);
        PartNumberReads.WritePartChecksum(c.Context, partNumber, headed.Object);
    }

    private async Task DeleteObjectAsync(S3Call c)
    {
        var result = await mediator.Send(new DeleteObjectCommand(c.S3, c.Bucket, c.Key, c.Query.Get("versionId"), ObjectLockAccessHeaders.Bypass(c.Headers)), c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.VersionId);
        if (result.DeleteMarker)
        {
            c.Context.Response.Headers["x-amz-delete-marker"] = "true";
        }

        Empty(c.Context, StatusCodes.Status204NoContent);
    }

    /// <summary><c>x-amz-expiration</c> when a lifecycle rule will expire the object (docs/lifecycle.md).</summary>
    private static void WriteExpiration(S3Call c, string? expiration)
    {
        if (expiration is not null)
        {
            c.Context.Response.Headers["x-amz-expiration"] = expiration;
        }
    }

    /// <summary><c>x-amz-version-id</c> when the bucket has ever had versioning (decision 0014).</summary>
    private static void WriteVersionId(S3Call c, string? versionId)
    {
        if (versionId is not null)
        {
            c.Context.Response.Headers["x-amz-version-id"] = versionId;
        }
    }

    private async Task GetObjectAclAsync(S3Call c)
    {
        var acl = await mediator.Send(new GetObjectAclQuery(c.S3, c.Bucket, c.Key, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, acl, BucketXml.AccessControlPolicy).ConfigureAwait(false);
    }

    private async Task PutObjectAclAsync(S3Call c)
    {
        var policy = RequestBinder.Document(c.Request, RequestXml.AccessControlPolicy, options.MaxXmlBodySize);
        await mediator.Send(new PutObjectAclCommand(c.S3, c.Bucket, c.Key, RequestBinder.Acl(c.Headers), policy, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }
}
