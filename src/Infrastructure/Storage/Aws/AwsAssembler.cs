using Amazon.S3.Model;
using BleepStore.Application.Abstractions;

namespace BleepStore.Infrastructure.Storage.Aws;

/// <summary>
/// Copies and multipart assembly without the bytes passing through this process: one source is a
/// CopyObject; several become an upstream multipart upload whose parts are UploadPartCopy of the
/// sources. Where the upstream cannot do that (a non-last source under 5 MiB, more than 10,000
/// sources, or <see cref="AwsGatewayOptions.ServerSideCopy"/> off) the sources stream through instead,
/// one GET open at a time, in the writer's bounded buffers.
/// </summary>
internal sealed class AwsAssembler(AwsUpstream upstream, AwsBlobWriter writer)
{
    private const long MinPartSize = 5L * 1024 * 1024;
    private const long MaxSingleCopy = 5L * 1024 * 1024 * 1024;
    private const long CopyRangeSize = 1L * 1024 * 1024 * 1024;
    private const int MaxParts = 10_000;
    private const int ParallelCopies = 4;

    /// <summary>The assembled object's size and upstream ETag.</summary>
    public async Task<(long Size, string ETag)> ConcatenateAsync(string key, string[] sources, IReadOnlyList<string> blobIds, CancellationToken ct)
    {
        // Sizes first: a missing source fails before anything is created upstream.
        var present = new List<(string Key, long Size)>(sources.Length);
        long total = 0;
        for (var i = 0; i < sources.Length; i++)
        {
            var size = await upstream.SizeAsync(sources[i], ct).ConfigureAwait(false) ?? throw new BlobNotFoundException(blobIds[i]);
            if (size > 0)
            {
                // Empty sources add nothing, and S3 cannot part-copy an empty range.
                present.Add((sources[i], size));
                total += size;
            }
        }

        switch (present.Count)
        {
            case 0:
                return (0, await upstream.PutAsync(key, [], 0, ct).ConfigureAwait(false));
            case 1:
                return await CopyAsync(key, present[0].Key, null, present[0].Size, MissingSource(sources, blobIds, present[0].Key), ct).ConfigureAwait(false);
        }

        if (upstream.Options.ServerSideCopy && present.Count <= MaxParts && present.Take(present.Count - 1).All(p => p.Size >= MinPartSize))
        {
            var ranges = present.Select(p => (p.Key, Range: ((long First, long Last)?)null)).ToList();
            return (total, await PartCopyAsync(key, ranges, null, missing => MissingSource(sources, blobIds, missing), ct).ConfigureAwait(false));
        }

        var joined = new UpstreamConcatenationStream(upstream, present.Select(p => p.Key).ToArray(), missing => MissingSource(sources, blobIds, missing));
        await using (joined.ConfigureAwait(false))
        {
            return await writer.WriteAsync(key, joined, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> (only while it has ETag <paramref name="sourceETag"/>, when given) to
    /// <paramref name="key"/>; returns the copy's size and upstream ETag.
    /// </summary>
    public async Task<(long Size, string ETag)> CopyAsync(string key, string source, string? sourceETag, string sourceBlobId, CancellationToken ct)
    {
        var size = await upstream.SizeAsync(source, ct, sourceETag).ConfigureAwait(false) ?? throw new BlobNotFoundException(sourceBlobId);
        return await CopyAsync(key, source, sourceETag, size, new BlobNotFoundException(sourceBlobId), ct).ConfigureAwait(false);
    }

    private async Task<(long Size, string ETag)> CopyAsync(string key, string source, string? sourceETag, long size, BlobNotFoundException missing, CancellationToken ct)
    {
        if (!upstream.Options.ServerSideCopy)
        {
            var through = new UpstreamConcatenationStream(upstream, [source], _ => missing, sourceETag);
            await using (through.ConfigureAwait(false))
            {
                return await writer.WriteAsync(key, through, ct).ConfigureAwait(false);
            }
        }

        if (size <= MaxSingleCopy)
        {
            return (size, await upstream.CopyAsync(source, key, ct, sourceETag).ConfigureAwait(false) ?? throw missing);
        }

        // Above CopyObject's 5 GiB limit: part-copy the source in 1 GiB ranges.
        var ranges = new List<(string Key, (long First, long Last)? Range)>();
        for (long first = 0; first < size; first += CopyRangeSize)
        {
            ranges.Add((source, (first, Math.Min(size, first + CopyRangeSize) - 1)));
        }

        return (size, await PartCopyAsync(key, ranges, sourceETag, _ => missing, ct).ConfigureAwait(false));
    }

    private async Task<string> PartCopyAsync(
        string key, List<(string Key, (long First, long Last)? Range)> parts, string? sourceETag, Func<string, BlobNotFoundException> missing, CancellationToken ct)
    {
        var uploadId = await upstream.InitiateAsync(key, ct).ConfigureAwait(false);
        try
        {
            var etags = new PartETag[parts.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, parts.Count), new ParallelOptions { MaxDegreeOfParallelism = ParallelCopies, CancellationToken = ct }, async (i, token) =>
            {
                var etag = await upstream.UploadPartCopyAsync(key, uploadId, i + 1, parts[i].Key, parts[i].Range, token, sourceETag).ConfigureAwait(false)
                    ?? throw missing(parts[i].Key);
                etags[i] = new PartETag(i + 1, etag);
            }).ConfigureAwait(false);

            return await upstream.CompleteAsync(key, uploadId, [.. etags], ct).ConfigureAwait(false);
        }
        catch
        {
            await upstream.AbortQuietlyAsync(key, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private static BlobNotFoundException MissingSource(string[] sources, IReadOnlyList<string> blobIds, string key) =>
        new(blobIds[Array.IndexOf(sources, key)]);
}
