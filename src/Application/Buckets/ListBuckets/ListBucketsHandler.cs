using BleepStore.Application.Abstractions;
using BleepStore.Application.Listing;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.ListBuckets;

/// <summary>
/// The caller's buckets by name, filtered by <c>prefix</c> and <c>bucket-region</c>, resumed after a continuation
/// token, <c>max-buckets</c> a page (S3's ListBuckets pagination); a <c>bucket-region</c> that names no AWS region (nor the
/// server's own) is 400 InvalidArgument, as S3 answers. An account has few buckets: the page is cut
/// from the owner's whole list.
/// </summary>
internal sealed class ListBucketsHandler(IMetadataStore store, S3Options options) : IRequestHandler<ListBucketsQuery, ListBucketsResult>
{
    public async Task<ListBucketsResult> Handle(ListBucketsQuery request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller ?? throw new S3Exception(S3Errors.AccessDenied);
        if (request.BucketRegion is { } region && !BucketRegions.IsRegion(region, options.Region))
        {
            // S3's answer (recorded against AWS): no ArgumentValue element, the value is in the message.
            throw new S3Exception(S3Errors.InvalidArgument, $"Argument value {region} is not a valid AWS Region", [new("ArgumentName", "bucket-region")]);
        }

        var after = request.ContinuationToken is { } token
            ? ContinuationToken.Decode(token, ContinuationToken.Buckets)
            : null;
        var buckets = await store.ListBucketsAsync(caller.Id, cancellationToken).ConfigureAwait(false);
        if (!request.HasParameters)
        {
            return new ListBucketsResult(caller, buckets);
        }

        var max = request.MaxBuckets ?? ListBucketsValidator.MaxPageSize;
        var page = new List<Bucket>();
        string? next = null;
        foreach (var bucket in buckets)
        {
            if ((after is not null && string.CompareOrdinal(bucket.Name, after) <= 0)
                || (!string.IsNullOrEmpty(request.Prefix) && !bucket.Name.StartsWith(request.Prefix, StringComparison.Ordinal))
                || (request.BucketRegion is not null && bucket.Region != request.BucketRegion))
            {
                continue;
            }

            if (page.Count == max)
            {
                next = ContinuationToken.Encode(page[^1].Name, ContinuationToken.Buckets);
                break;
            }

            page.Add(bucket);
        }

        return new ListBucketsResult(caller, page, next, request.Prefix, WithRegions: true);
    }
}
