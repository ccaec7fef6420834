using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Objects.GetObjectAttributes;
using BleepStore.Domain.Objects;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.S3;

/// <summary>GetObjectAttributes (<c>GET ?attributes</c>).</summary>
internal sealed partial class S3RequestHandler
{
    private async Task GetObjectAttributesAsync(S3Call c)
    {
        var maxParts = RequestBinder.Header(c.Headers, "x-amz-max-parts");
        var marker = RequestBinder.Header(c.Headers, "x-amz-part-number-marker");
        var query = new GetObjectAttributesQuery(
            c.S3,
            c.Bucket,
            c.Key,
            RequestBinder.Header(c.Headers, "x-amz-object-attributes"),
            int.TryParse(maxParts, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var m) ? m : null,
            int.TryParse(marker, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null,
            maxParts,
            marker,
            c.Query.Get("versionId"));
        var result = await mediator.Send(query, c.Ct).ConfigureAwait(false);
        WriteVersionId(c, result.Versioned ? VersionIds.ToWire(result.Object.VersionId) : null);
        c.Context.Response.Headers[HeaderNames.LastModified] = result.Object.LastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        await XmlResponse.WriteAsync(c.Context, 200, result, AttributesXml.GetObjectAttributesResponse).ConfigureAwait(false);
    }
}
