using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.DeleteBucketTagging;
using BleepStore.Application.Buckets.GetBucketTagging;
using BleepStore.Application.Buckets.PutBucketTagging;
using BleepStore.Application.Objects.DeleteObjectTagging;
using BleepStore.Application.Objects.GetObjectTagging;
using BleepStore.Application.Objects.PutObjectTagging;

namespace BleepStore.Api.S3;

/// <summary>Object and bucket tagging (docs/tagging.md).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task PutObjectTaggingAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, TaggingXml.Parse, options.MaxXmlBodySize);
        var result = await mediator.Send(new PutObjectTaggingCommand(c.S3, c.Bucket, c.Key, document, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.VersionId);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetObjectTaggingAsync(S3Call c)
    {
        var result = await mediator.Send(new GetObjectTaggingQuery(c.S3, c.Bucket, c.Key, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.VersionId);
        await XmlResponse.WriteAsync(c.Context, 200, result.Tags, TaggingXml.Tagging).ConfigureAwait(false);
    }

    private async Task DeleteObjectTaggingAsync(S3Call c)
    {
        var result = await mediator.Send(new DeleteObjectTaggingCommand(c.S3, c.Bucket, c.Key, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.VersionId);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }

    private async Task PutBucketTaggingAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, TaggingXml.Parse, options.MaxXmlBodySize);
        await mediator.Send(new PutBucketTaggingCommand(c.S3, c.Bucket, document), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }

    private async Task GetBucketTaggingAsync(S3Call c)
    {
        var tags = await mediator.Send(new GetBucketTaggingQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, tags, TaggingXml.Tagging).ConfigureAwait(false);
    }

    private async Task DeleteBucketTaggingAsync(S3Call c)
    {
        await mediator.Send(new DeleteBucketTaggingCommand(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }
}
