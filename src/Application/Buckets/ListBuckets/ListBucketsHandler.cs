using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using MediatR;

namespace BleepStore.Application.Buckets.ListBuckets;

internal sealed class ListBucketsHandler(IMetadataStore store) : IRequestHandler<ListBucketsQuery, ListBucketsResult>
{
    public async Task<ListBucketsResult> Handle(ListBucketsQuery request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller ?? throw new S3Exception(S3Errors.AccessDenied);
        var buckets = await store.ListBucketsAsync(caller.Id, cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(request.Prefix))
        {
            buckets = buckets.Where(b => b.Name.StartsWith(request.Prefix, StringComparison.Ordinal)).ToList();
        }

        return new ListBucketsResult(caller, buckets);
    }
}
