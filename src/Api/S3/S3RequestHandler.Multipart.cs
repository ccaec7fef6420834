using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Uploads.AbortMultipartUpload;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Application.Uploads.UploadPart;
using BleepStore.Application.Uploads.UploadPartCopy;
using BleepStore.Domain.Checksums;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.S3;

/// <summary>The multipart operations on a key (spec 30); ListMultipartUploads is with the bucket operations.</summary>
internal sealed partial class S3RequestHandler
{
    private async Task CreateMultipartUploadAsync(S3Call c)
    {
        var headers = c.Headers;
        var command = new CreateMultipartUploadCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Key = c.Key,
            Content = RequestBinder.Content(headers),
            UserMetadata = RequestBinder.UserMetadata(headers),
            Acl = RequestBinder.Acl(headers),
            StorageClass = RequestBinder.Header(headers, "x-amz-storage-class"),
            Tagging = RequestBinder.Header(headers, "x-amz-tagging"),
            ChecksumAlgorithm = RequestBinder.Header(headers, "x-amz-checksum-algorithm"),
            ChecksumType = RequestBinder.Header(headers, "x-amz-checksum-type"),
            ObjectLock = ObjectLockAccessHeaders.Lock(headers),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        var responseHeaders = c.Context.Response.Headers;
        if (result.ChecksumAlgorithm is { } algorithm)
        {
            responseHeaders["x-amz-checksum-algorithm"] = algorithm.S3Name();
        }

        if (result.ChecksumType is { } type)
        {
            responseHeaders["x-amz-checksum-type"] = type;
        }

        await XmlResponse.WriteAsync(c.Context, 200, result, MultipartXml.InitiateMultipartUploadResult).ConfigureAwait(false);
    }

    private async Task UploadPartAsync(S3Call c)
    {
        var headers = c.Headers;
        var command = new UploadPartCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Key = c.Key,
            UploadId = c.Query.Get("uploadId") ?? "",
            PartNumber = RequestBinder.PartNumber(c.Query),
            RawPartNumber = c.Query.Get("partNumber"),
            ContentLength = RequestBinder.PayloadLength(c.Request),
            Body = c.Request.Body,
            ContentMd5 = RequestBinder.Header(headers, "Content-MD5"),
            ChecksumHeaders = RequestBinder.ChecksumHeaders(headers),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        c.Context.Response.Headers.ETag = result.ETag;
        ObjectResponse.WriteChecksums(c.Context.Response.Headers, result.Checksums);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task UploadPartCopyAsync(S3Call c)
    {
        var headers = c.Headers;
        var command = new UploadPartCopyCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Key = c.Key,
            UploadId = c.Query.Get("uploadId") ?? "",
            PartNumber = RequestBinder.PartNumber(c.Query),
            RawPartNumber = c.Query.Get("partNumber"),
            CopySource = RequestBinder.Header(headers, "x-amz-copy-source") ?? "",
            CopySourceRange = RequestBinder.Header(headers, "x-amz-copy-source-range"),
            SourceConditions = RequestBinder.CopySourceConditions(headers),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, result, ObjectXml.CopyPartResult).ConfigureAwait(false);
    }

    private async Task CompleteMultipartUploadAsync(S3Call c)
    {
        var command = new CompleteMultipartUploadCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Key = c.Key,
            UploadId = c.Query.Get("uploadId") ?? "",
            Parts = RequestBinder.Document(c.Request, RequestXml.CompleteMultipartUpload, options.MaxXmlBodySize),
            IfNoneMatch = RequestBinder.Header(c.Headers, HeaderNames.IfNoneMatch),
            IfMatch = RequestBinder.Header(c.Headers, HeaderNames.IfMatch),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.VersionId);
        await XmlResponse.WriteAsync(c.Context, 200, (result, ObjectLocation(c)), MultipartXml.CompleteMultipartUploadResult).ConfigureAwait(false);
    }

    private async Task AbortMultipartUploadAsync(S3Call c)
    {
        await mediator.Send(new AbortMultipartUploadCommand(c.S3, c.Bucket, c.Key, c.Query.Get("uploadId") ?? ""), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }

    private async Task ListPartsAsync(S3Call c)
    {
        var q = c.Query;
        var query = new ListPartsQuery(
            c.S3,
            c.Bucket,
            c.Key,
            q.Get("uploadId") ?? "",
            RequestBinder.Int(q, "max-parts"),
            RequestBinder.Int(q, "part-number-marker"),
            q.Get("max-parts"),
            q.Get("part-number-marker"));
        var result = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, result, MultipartXml.ListPartsResult).ConfigureAwait(false);
    }

    /// <summary>The object's URL as the client addressed it: scheme, Host, then <c>/{bucket}/{key}</c> (or <c>/{key}</c> virtual-hosted).</summary>
    private static string ObjectLocation(S3Call c)
    {
        var request = c.Request;
        var key = string.Join('/', c.Key.Split('/').Select(PercentEncoding.EncodeUrl));
        var path = c.Route.VirtualHosted ? "/" + key : "/" + PercentEncoding.EncodeUrl(c.Bucket) + "/" + key;
        return request.Scheme + "://" + request.Host.Value + path;
    }
}
