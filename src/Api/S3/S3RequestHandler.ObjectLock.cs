using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.GetObjectLockConfiguration;
using BleepStore.Application.Buckets.PutObjectLockConfiguration;
using BleepStore.Application.Objects.GetObjectLegalHold;
using BleepStore.Application.Objects.GetObjectRetention;
using BleepStore.Application.Objects.PutObjectLegalHold;
using BleepStore.Application.Objects.PutObjectRetention;

namespace BleepStore.Api.S3;

/// <summary>Object lock operations (docs/object-lock.md).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task PutObjectLockConfigurationAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, ObjectLockXml.ParseConfiguration, options.MaxXmlBodySize);
        await mediator.Send(new PutObjectLockConfigurationCommand(c.S3, c.Bucket, document), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetObjectLockConfigurationAsync(S3Call c)
    {
        var configuration = await mediator.Send(new GetObjectLockConfigurationQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, configuration, ObjectLockXml.Configuration).ConfigureAwait(false);
    }

    private async Task PutObjectRetentionAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, ObjectLockXml.ParseRetention, options.MaxXmlBodySize);
        var bypass = ObjectLockAccessHeaders.Bypass(c.Headers);
        await mediator.Send(new PutObjectRetentionCommand(c.S3, c.Bucket, c.Key, document, c.Query.Get("versionId"), bypass), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetObjectRetentionAsync(S3Call c)
    {
        var retention = await mediator.Send(new GetObjectRetentionQuery(c.S3, c.Bucket, c.Key, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, retention, ObjectLockXml.Retention).ConfigureAwait(false);
    }

    private async Task PutObjectLegalHoldAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, ObjectLockXml.ParseLegalHold, options.MaxXmlBodySize);
        await mediator.Send(new PutObjectLegalHoldCommand(c.S3, c.Bucket, c.Key, document, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetObjectLegalHoldAsync(S3Call c)
    {
        var on = await mediator.Send(new GetObjectLegalHoldQuery(c.S3, c.Bucket, c.Key, c.Query.Get("versionId")), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, on, ObjectLockXml.LegalHold).ConfigureAwait(false);
    }
}
