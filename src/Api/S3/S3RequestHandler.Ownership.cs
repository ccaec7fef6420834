using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.DeleteBucketOwnershipControls;
using BleepStore.Application.Buckets.GetBucketOwnershipControls;
using BleepStore.Application.Buckets.PutBucketOwnershipControls;

namespace BleepStore.Api.S3;

/// <summary>Bucket ownership controls (docs/decisions/0013-bucket-ownership-controls.md).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task PutBucketOwnershipControlsAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, OwnershipXml.Parse, options.MaxXmlBodySize);
        await mediator.Send(new PutBucketOwnershipControlsCommand(c.S3, c.Bucket, document), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetBucketOwnershipControlsAsync(S3Call c)
    {
        var ownership = await mediator.Send(new GetBucketOwnershipControlsQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, ownership, OwnershipXml.OwnershipControls).ConfigureAwait(false);
    }

    private async Task DeleteBucketOwnershipControlsAsync(S3Call c)
    {
        await mediator.Send(new DeleteBucketOwnershipControlsCommand(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }
}
