using System.Text;
using BleepStore.Domain.Errors;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.S3;

/// <summary>
/// Reads a POST Object body (<c>multipart/form-data</c>) up to the <c>file</c> field: the fields before it are small and
/// read whole (at most <see cref="MaxFieldBytes"/> together, MaxPostPreDataLengthExceededError beyond), the file is
/// handed on as the section's stream and read once by the upload. Fields after the file are never read, as S3 ignores them.
/// </summary>
internal static class PostFormReader
{
    /// <summary>S3's limit on the form fields that precede the file.</summary>
    public const int MaxFieldBytes = 20 * 1024;

    public sealed record Form(List<KeyValuePair<string, string>> Fields, Stream? File, string? FileName);

    public static async Task<Form> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "Bucket POST must be of the enclosure-type multipart/form-data")]);
        }

        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 70)
        {
            throw new S3Exception(S3Errors.MalformedPOSTRequest);
        }

        var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 8 * 1024, BodyLengthLimit = null };
        var fields = new List<KeyValuePair<string, string>>();
        var total = 0;
        try
        {
            while (await reader.ReadNextSectionAsync(ct).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                    || HeaderUtilities.RemoveQuotes(disposition.Name).Value is not { Length: > 0 } name)
                {
                    throw new S3Exception(S3Errors.MalformedPOSTRequest);
                }

                if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value ?? HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    return new Form(fields, section.Body, fileName);
                }

                var value = await ReadFieldAsync(section.Body, MaxFieldBytes - total, ct).ConfigureAwait(false);
                total += Encoding.UTF8.GetByteCount(value) + name.Length;
                if (total > MaxFieldBytes)
                {
                    throw new S3Exception(S3Errors.MaxPostPreDataLengthExceededError);
                }

                fields.Add(new(name, value));
            }
        }
        catch (InvalidDataException)
        {
            throw new S3Exception(S3Errors.MalformedPOSTRequest);
        }
        catch (IOException) when (!ct.IsCancellationRequested)
        {
            throw new S3Exception(S3Errors.MalformedPOSTRequest);
        }

        return new Form(fields, null, null);
    }

    private static async Task<string> ReadFieldAsync(Stream body, int limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new S3Exception(S3Errors.MaxPostPreDataLengthExceededError);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
