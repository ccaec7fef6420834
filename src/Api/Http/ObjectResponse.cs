using System.Buffers;
using System.Globalization;
using BleepStore.Api.Xml;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Objects;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.Http;

/// <summary>Headers and body of GetObject / HeadObject / PutObject responses (spec 20, 50).</summary>
internal static class ObjectResponse
{
    /// <summary>Copy buffer for object bodies: large enough for few syscalls, pooled so memory stays flat.</summary>
    private const int CopyBufferSize = 128 * 1024;

    /// <summary>Status and headers of a GET or HEAD; the caller streams the body (GET, not 304).</summary>
    public static void WriteHeaders(HttpContext context, ObjectRecord obj, ByteRange? range, bool notModified, IReadOnlyDictionary<string, string>? overrides)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = obj.ETag;
        headers.LastModified = HttpDates.Format(obj.LastModified);
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var c = obj.Content;
        headers.ContentType = Override(overrides, HeaderNames.ContentType) ?? c.ContentType;
        SetIfAny(headers, HeaderNames.ContentEncoding, Override(overrides, HeaderNames.ContentEncoding) ?? c.ContentEncoding);
        SetIfAny(headers, HeaderNames.ContentLanguage, Override(overrides, HeaderNames.ContentLanguage) ?? c.ContentLanguage);
        SetIfAny(headers, HeaderNames.ContentDisposition, Override(overrides, HeaderNames.ContentDisposition) ?? c.ContentDisposition);
        SetIfAny(headers, HeaderNames.CacheControl, Override(overrides, HeaderNames.CacheControl) ?? c.CacheControl);
        SetIfAny(headers, HeaderNames.Expires, Override(overrides, HeaderNames.Expires) ?? c.Expires);
        headers.AcceptRanges = "bytes";
        foreach (var (name, value) in obj.UserMetadata)
        {
            headers[name] = HeaderValues.Safe(value);
        }

        if (!string.IsNullOrEmpty(obj.StorageClass) && obj.StorageClass != "STANDARD")
        {
            headers["x-amz-storage-class"] = obj.StorageClass;
        }

        // The tags come with the row GET already read: no query of their own.
        if (obj.Tags.Count > 0)
        {
            headers["x-amz-tagging-count"] = TaggingCounts.Text(obj.Tags.Count);
        }

        // Object lock, as S3 shows it on GET and HEAD of a locked version (docs/object-lock.md).
        if (obj.Retention is { } retention)
        {
            headers["x-amz-object-lock-mode"] = retention.Mode;
            headers["x-amz-object-lock-retain-until-date"] = Application.ObjectLock.ObjectLockHeaders.FormatDate(retention.RetainUntil);
        }

        if (obj.LegalHold is { } hold)
        {
            headers["x-amz-object-lock-legal-hold"] = hold ? "ON" : "OFF";
        }

        // Whole-object checksums only on whole-object answers: an SDK would check them against a range.
        var wholeObject = range is null || (range.Value.First == 0 && range.Value.Length == obj.Size);
        if (wholeObject && obj.Checksums.Count > 0 && string.Equals(context.Request.Headers["x-amz-checksum-mode"], "ENABLED", StringComparison.OrdinalIgnoreCase))
        {
            WriteChecksums(headers, obj.Checksums);
            headers["x-amz-checksum-type"] = ChecksumTypes.Of(obj.Checksums[0]);
        }

        if (range is { } r)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {r.First}-{r.Last}/{obj.Size}");
            response.ContentLength = r.Length;
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentLength = obj.Size;
        }
    }

    public static void WriteChecksums(IHeaderDictionary headers, IReadOnlyList<ChecksumValue> checksums)
    {
        foreach (var checksum in checksums)
        {
            headers[checksum.Algorithm.HeaderName()] = checksum.Base64;
        }
    }

    /// <summary>Streams <paramref name="body"/> to the response with a pooled buffer, then disposes it.</summary>
    public static async Task CopyBodyAsync(HttpContext context, Stream body)
    {
        // A body that fits one buffer (inline objects, small ranges) goes out in one write with the
        // headers: no separate StartAsync flush, so one send instead of two (4 KiB GET, docs/performance.md).
        var remaining = body.CanSeek ? body.Length - body.Position : long.MaxValue;
        var small = remaining <= CopyBufferSize;
        var buffer = ArrayPool<byte>.Shared.Rent(small ? (int)remaining : CopyBufferSize);
        try
        {
            var output = context.Response.Body;
            var ct = context.RequestAborted;
            if (small)
            {
                var filled = await body.ReadAtLeastAsync(buffer.AsMemory(0, (int)remaining), (int)remaining, throwOnEndOfStream: false, ct).ConfigureAwait(false);
                await output.WriteAsync(buffer.AsMemory(0, filled), ct).ConfigureAwait(false);
                return;
            }

            await context.Response.StartAsync(ct).ConfigureAwait(false);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, CopyBufferSize), ct).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            await body.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string? Override(IReadOnlyDictionary<string, string>? overrides, string name) =>
        overrides is not null && overrides.TryGetValue(name, out var value) ? HeaderValues.Safe(value) : null;

    private static void SetIfAny(IHeaderDictionary headers, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            headers[name] = value;
        }
    }
}
