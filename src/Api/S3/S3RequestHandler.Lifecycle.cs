using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.DeleteBucketLifecycle;
using BleepStore.Application.Buckets.GetBucketLifecycleConfiguration;
using BleepStore.Application.Buckets.PutBucketLifecycleConfiguration;

namespace BleepStore.Api.S3;

/// <summary>Bucket lifecycle configuration (docs/lifecycle.md).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task PutBucketLifecycleAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, LifecycleXml.Parse, options.MaxXmlBodySize);
        await mediator.Send(new PutBucketLifecycleConfigurationCommand(c.S3, c.Bucket, document), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetBucketLifecycleAsync(S3Call c)
    {
        var rules = await mediator.Send(new GetBucketLifecycleConfigurationQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, rules, LifecycleXml.Configuration).ConfigureAwait(false);
    }

    private async Task DeleteBucketLifecycleAsync(S3Call c)
    {
        await mediator.Send(new DeleteBucketLifecycleCommand(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }
}
