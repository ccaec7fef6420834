using BleepStore.Application.Abstractions;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Listing.ListObjectVersions;

/// <summary>
/// Versions and delete markers in key order, newest first within a key (decision 0014), with delimiter roll-up as
/// ListObjects: a rolled-up prefix is one entry and the scan jumps past it. Resumes strictly after
/// (key-marker, version-id-marker), or after the whole key-marker without a version id marker.
/// </summary>
internal sealed class ListObjectVersionsHandler(IMetadataStore store) : IRequestHandler<ListObjectVersionsQuery, ListObjectVersionsResult>
{
    public const string NullVersionId = VersionIds.Null;

    public async Task<ListObjectVersionsResult> Handle(ListObjectVersionsQuery request, CancellationToken cancellationToken)
    {
        var maxKeys = ListingRequest.ClampMaxKeys(request.MaxKeys);
        var bucket = await store.RequireListableAsync(request.Bucket, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        var prefix = request.Prefix ?? "";
        var delimiter = request.Delimiter;
        var rollUp = !string.IsNullOrEmpty(delimiter);

        var versions = new List<ObjectVersion>();
        var prefixes = new List<string>();
        string? from = string.IsNullOrEmpty(request.KeyMarker) ? null : request.KeyMarker;
        string? afterVersion = from is null || string.IsNullOrEmpty(request.VersionIdMarker) ? null : request.VersionIdMarker;
        var inclusive = false;
        var truncated = false;
        string? nextKey = null, nextVersion = null;

        if (rollUp && from is not null && ListingEngine.RolledUpPrefix(from, prefix, delimiter!) is { } resumePrefix)
        {
            from = Utf8Order.PrefixSuccessor(resumePrefix);
            afterVersion = null;
            inclusive = true;
        }

        var done = rollUp && request.KeyMarker is not null && from is null;
        var count = 0;
        while (!done && maxKeys > 0)
        {
            var want = maxKeys - count + 1;
            var batch = await store.ListObjectVersionsAsync(request.Bucket, prefix, from, inclusive, afterVersion, want, cancellationToken).ConfigureAwait(false);
            var jumped = false;
            foreach (var entry in batch)
            {
                if (count == maxKeys)
                {
                    truncated = true;
                    done = true;
                    break;
                }

                if (rollUp && ListingEngine.RolledUpPrefix(entry.Record.Key, prefix, delimiter!) is { } common)
                {
                    prefixes.Add(common);
                    count++;
                    nextKey = common;
                    nextVersion = null;
                    from = Utf8Order.PrefixSuccessor(common);
                    afterVersion = null;
                    inclusive = true;
                    jumped = true;
                    done = from is null;
                    break;
                }

                versions.Add(entry);
                count++;
                nextKey = entry.Record.Key;
                nextVersion = VersionIds.ToWire(entry.Record.VersionId);
                from = entry.Record.Key;
                afterVersion = nextVersion;
                inclusive = false;
            }

            if (!done && !jumped && batch.Count < want)
            {
                done = true;
            }
        }

        var page = new ListingPage([.. versions.Select(v => v.Record)], prefixes, truncated, nextKey);
        return new ListObjectVersionsResult(request, bucket, maxKeys, page, truncated ? nextKey : null, truncated ? nextVersion : null)
        {
            Versions = versions,
        };
    }
}
