using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Objects.PostObject;

namespace BleepStore.Api.S3;

/// <summary>Browser-based uploads (POST Object, docs/post-object.md).</summary>
internal sealed partial class S3RequestHandler
{
    /// <summary>Form fields that are object properties, under the header name PutObject binds them from.</summary>
    private static readonly Dictionary<string, string> PostHeaderFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["acl"] = "x-amz-acl",
        ["Content-Type"] = "Content-Type",
        ["Cache-Control"] = "Cache-Control",
        ["Content-Disposition"] = "Content-Disposition",
        ["Content-Encoding"] = "Content-Encoding",
        ["Content-Language"] = "Content-Language",
        ["Expires"] = "Expires",
        ["x-amz-storage-class"] = "x-amz-storage-class",
    };

    private async Task PostObjectAsync(S3Call c)
    {
        var form = await PostFormReader.ReadAsync(c.Request, c.Ct).ConfigureAwait(false);
        var headers = new HeaderDictionary();
        string? tagging = null;
        foreach (var (name, value) in form.Fields)
        {
            if (name.Equals("tagging", StringComparison.OrdinalIgnoreCase))
            {
                tagging ??= TaggingQuery(value);
            }
            else if (PostHeaderFields.TryGetValue(name, out var header))
            {
                headers.TryAdd(header, value);
            }
            else if (name.StartsWith("x-amz-", StringComparison.OrdinalIgnoreCase))
            {
                headers.TryAdd(name, value);
            }
        }

        // As on PUT: nothing encrypts at rest yet, so a form asking for it is refused before a byte is stored.
        EncryptionHeaders.Refuse(headers);
        var command = new PostObjectCommand
        {
            Context = c.S3,
            Bucket = c.Bucket,
            Fields = form.Fields,
            File = form.File,
            FileName = form.FileName,
            Content = RequestBinder.Content(headers),
            UserMetadata = RequestBinder.UserMetadata(headers),
            Acl = RequestBinder.Acl(headers),
            StorageClass = RequestBinder.Header(headers, "x-amz-storage-class"),
            Tagging = tagging,
            ChecksumHeaders = RequestBinder.ChecksumHeaders(headers),
        };

        var result = await mediator.Send(command, c.Ct).ConfigureAwait(false);
        var response = c.Context.Response;
        response.Headers.ETag = result.ETag;
        ObjectResponse.WriteChecksums(response.Headers, result.Checksums);
        WriteVersionId(c, result.VersionId);
        if (result.Redirect is { } redirect)
        {
            response.Headers.Location = redirect;
            Empty(c.Context, StatusCodes.Status303SeeOther);
            return;
        }

        var location = ObjectUrl(c, result.Key);
        response.Headers.Location = location;
        if (result.Status == StatusCodes.Status201Created)
        {
            await XmlResponse.WriteAsync(c.Context, StatusCodes.Status201Created, (location, result), static (w, s) =>
            {
                w.WriteStartElement("PostResponse");
                w.Element("Location", s.location);
                w.Element("Bucket", s.result.Bucket);
                w.Element("Key", s.result.Key);
                w.Element("ETag", s.result.ETag);
                w.WriteEndElement();
            }).ConfigureAwait(false);
            return;
        }

        Empty(c.Context, result.Status);
    }

    /// <summary>The object's URL as the client addressed the bucket (virtual-hosted or path style).</summary>
    private static string ObjectUrl(S3Call c, string key)
    {
        var request = c.Request;
        var escapedKey = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return c.Route.VirtualHosted
            ? $"{request.Scheme}://{request.Host}/{escapedKey}"
            : $"{request.Scheme}://{request.Host}/{Uri.EscapeDataString(c.Bucket)}/{escapedKey}";
    }

    /// <summary>The <c>tagging</c> field's XML document as <c>x-amz-tagging</c>'s query form (MalformedXML when it does not parse).</summary>
    private static string TaggingQuery(string xml)
    {
        using var buffer = new PooledBufferStream();
        var bytes = System.Text.Encoding.UTF8.GetBytes(xml);
        buffer.Write(bytes, 0, bytes.Length);
        var tags = TaggingXml.Parse(bytes.Length == 0 ? null : buffer);
        return string.Join('&', tags.Select(t => Uri.EscapeDataString(t.Key) + "=" + Uri.EscapeDataString(t.Value)));
    }
}
