using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Buckets.DeleteBucketCors;
using BleepStore.Application.Buckets.GetBucketCors;
using BleepStore.Application.Buckets.PutBucketCors;
using BleepStore.Application.Cors.PreflightCors;
using BleepStore.Application.Requests;

namespace BleepStore.Api.S3;

/// <summary>Bucket CORS configuration and preflight requests (docs/cors.md).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task PutBucketCorsAsync(S3Call c)
    {
        var document = RequestBinder.Document(c.Request, CorsXml.Parse, options.MaxXmlBodySize);
        await mediator.Send(new PutBucketCorsCommand(c.S3, c.Bucket, document), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status200OK);
    }

    private async Task GetBucketCorsAsync(S3Call c)
    {
        var rules = await mediator.Send(new GetBucketCorsQuery(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        await XmlResponse.WriteAsync(c.Context, 200, rules, CorsXml.Configuration).ConfigureAwait(false);
    }

    private async Task DeleteBucketCorsAsync(S3Call c)
    {
        await mediator.Send(new DeleteBucketCorsCommand(c.S3, c.Bucket), c.Ct).ConfigureAwait(false);
        Empty(c.Context, StatusCodes.Status204NoContent);
    }

    /// <summary>
    /// OPTIONS: a browser sends no credentials with a preflight, so it is not authenticated (a presigned URL's
    /// query on it is not checked either): the request goes in as an anonymous, already-authenticated one.
    /// </summary>
    private async Task PreflightCorsAsync(S3Call c)
    {
        var context = new S3RequestContext { RequestId = c.S3.RequestId, Authenticated = true };
        var query = new PreflightCorsQuery(
            context,
            c.Bucket,
            c.Route.Key,
            RequestBinder.Header(c.Headers, "Origin"),
            RequestBinder.Header(c.Headers, "Access-Control-Request-Method"),
            RequestBinder.Header(c.Headers, "Access-Control-Request-Headers"));
        var answer = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        CorsHeaders.Apply(c.Context.Response, answer);
        Empty(c.Context, StatusCodes.Status200OK);
    }
}
