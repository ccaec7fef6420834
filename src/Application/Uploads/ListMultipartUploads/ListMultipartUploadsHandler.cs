using BleepStore.Application.Abstractions;
using BleepStore.Application.Listing;
using BleepStore.Domain.Uploads;
using MediatR;

namespace BleepStore.Application.Uploads.ListMultipartUploads;

/// <summary>
/// Uploads ordered by key (bytes), initiation time and id, with delimiter roll-up as in object listings:
/// each common prefix is counted once and the scan jumps past every upload under it.
/// </summary>
internal sealed class ListMultipartUploadsHandler(IMetadataStore store) : IRequestHandler<ListMultipartUploadsQuery, ListMultipartUploadsResult>
{
    private static readonly string MaxSuffix = string.Concat(Enumerable.Repeat(char.ConvertFromUtf32(0x10FFFF), 256));

    public async Task<ListMultipartUploadsResult> Handle(ListMultipartUploadsQuery request, CancellationToken cancellationToken)
    {
        var max = Math.Clamp(request.MaxUploads ?? ListingEngine.MaxPageSize, 0, ListingEngine.MaxPageSize);
        var bucket = await store.RequireListableAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);

        var prefix = request.Prefix ?? "";
        var delimiter = string.IsNullOrEmpty(request.Delimiter) ? null : request.Delimiter;
        var keyMarker = string.IsNullOrEmpty(request.KeyMarker) ? null : request.KeyMarker;
        var uploadIdMarker = keyMarker is null || string.IsNullOrEmpty(request.UploadIdMarker) ? null : request.UploadIdMarker;

        var uploads = new List<MultipartUpload>();
        var prefixes = new List<string>();
        string? lastPrefix = null;

        // Resuming from a marker under a rolled-up prefix resumes after the whole prefix.
        if (delimiter is not null && keyMarker is not null && ListingEngine.RolledUpPrefix(keyMarker, prefix, delimiter) is { } resumePrefix)
        {
            lastPrefix = resumePrefix;
            keyMarker = PastPrefix(resumePrefix);
            uploadIdMarker = null;
        }

        var count = 0;
        var truncated = false;
        object? last = null;
        while (max > 0 && !truncated)
        {
            var want = max - count + 1;
            var batch = await store.ListUploadsAsync(request.Bucket, prefix, keyMarker, uploadIdMarker, want, cancellationToken).ConfigureAwait(false);
            var jumped = false;
            foreach (var upload in batch)
            {
                if (lastPrefix is not null && upload.Key.StartsWith(lastPrefix, StringComparison.Ordinal))
                {
                    // Only reached when the store did not honour the jump; step over it row by row.
                    keyMarker = upload.Key;
                    uploadIdMarker = upload.UploadId;
                    continue;
                }

                if (count == max)
                {
                    truncated = true;
                    break;
                }

                count++;
                if (delimiter is not null && ListingEngine.RolledUpPrefix(upload.Key, prefix, delimiter) is { } common)
                {
                    prefixes.Add(common);
                    last = common;
                    lastPrefix = common;
                    keyMarker = PastPrefix(common);
                    uploadIdMarker = null;
                    jumped = true;
                    break;
                }

                uploads.Add(upload);
                last = upload;
                keyMarker = upload.Key;
                uploadIdMarker = upload.UploadId;
            }

            if (!jumped && batch.Count < want)
            {
                break;
            }
        }

        return new ListMultipartUploadsResult(
            request,
            bucket,
            max,
            uploads,
            prefixes,
            truncated,
            truncated ? (last as MultipartUpload)?.Key ?? last as string : null,
            truncated ? (last as MultipartUpload)?.UploadId : null);
    }

    /// <summary>
    /// A key marker greater than every key under <paramref name="prefix"/>: keys are at most 1024 UTF-8
    /// bytes, so the prefix followed by 1024 bytes of U+10FFFF (the greatest code point) sorts after all of them.
    /// The port only resumes strictly after a key, so this is how the scan jumps a whole prefix in one query.
    /// </summary>
    private static string PastPrefix(string prefix) => prefix + MaxSuffix;
}
