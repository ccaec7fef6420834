using System.Globalization;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads.CompleteMultipartUpload;

/// <summary>Checks 4–8 of spec 30's Complete table, in that order; returns the listed parts' rows in list order.</summary>
internal static class CompletionRules
{
    private const int PageSize = 1000;

    /// <summary>
    /// The parts list as a retry must repeat it: hex SHA-256 over <c>number:etag</c> lines, ETags without quotes and in
    /// lower case (a client may quote them or not). A digest, so a 10,000-part list costs the record 64 characters.
    /// </summary>
    public static string Fingerprint(IReadOnlyList<(int PartNumber, string ETag)> requested)
    {
        var text = new System.Text.StringBuilder(requested.Count * 40);
        foreach (var (number, etag) in requested)
        {
            text.Append(number.ToString(CultureInfo.InvariantCulture)).Append(':').Append(etag.Trim().Trim('"').ToLowerInvariant()).Append('\n');
        }

        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static async Task<IReadOnlyList<PartRecord>> SelectPartsAsync(
        IMetadataStore store, string uploadId, IReadOnlyList<(int PartNumber, string ETag)> requested, CancellationToken ct)
    {
        if (requested.Count == 0)
        {
            throw new S3Exception(S3Errors.MalformedXML);
        }

        foreach (var (_, etag) in requested)
        {
            if (string.IsNullOrWhiteSpace(etag))
            {
                throw new S3Exception(S3Errors.MalformedXML);
            }
        }

        for (var i = 1; i < requested.Count; i++)
        {
            if (requested[i].PartNumber <= requested[i - 1].PartNumber)
            {
                throw new S3Exception(S3Errors.InvalidPartOrder, details: [new("UploadId", uploadId)]);
            }
        }

        var uploaded = await LoadAllAsync(store, uploadId, ct).ConfigureAwait(false);
        var listed = new List<PartRecord>(requested.Count);
        foreach (var (number, etag) in requested)
        {
            if (!uploaded.TryGetValue(number, out var part) || !ETag.Bare(part.ETag).SequenceEqual(ETag.Bare(etag)))
            {
                throw new S3Exception(S3Errors.InvalidPart, details:
                [
                    new("UploadId", uploadId),
                    new("PartNumber", number.ToString(CultureInfo.InvariantCulture)),
                    new("ETag", etag),
                ]);
            }

            listed.Add(part);
        }

        var total = 0L;
        for (var i = 0; i < listed.Count; i++)
        {
            var part = listed[i];
            if (i < listed.Count - 1 && part.Size < MultipartLimits.MinPartSize)
            {
                throw new S3Exception(S3Errors.EntityTooSmall, details:
                [
                    new("ProposedSize", part.Size.ToString(CultureInfo.InvariantCulture)),
                    new("MinSizeAllowed", MultipartLimits.MinPartSize.ToString(CultureInfo.InvariantCulture)),
                    new("PartNumber", part.PartNumber.ToString(CultureInfo.InvariantCulture)),
                    new("ETag", part.ETag),
                ]);
            }

            total += part.Size;
        }

        if (total > MultipartLimits.MaxObjectSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge, details:
            [
                new("ProposedSize", total.ToString(CultureInfo.InvariantCulture)),
                new("MaxSizeAllowed", MultipartLimits.MaxObjectSize.ToString(CultureInfo.InvariantCulture)),
            ]);
        }

        return listed;
    }

    private static async Task<Dictionary<int, PartRecord>> LoadAllAsync(IMetadataStore store, string uploadId, CancellationToken ct)
    {
        var parts = new Dictionary<int, PartRecord>();
        var after = 0;
        while (true)
        {
            var page = await store.ListPartsAsync(uploadId, after, PageSize, ct).ConfigureAwait(false);
            foreach (var part in page)
            {
                parts[part.PartNumber] = part;
                after = Math.Max(after, part.PartNumber);
            }

            if (page.Count < PageSize)
            {
                return parts;
            }
        }
    }
}
