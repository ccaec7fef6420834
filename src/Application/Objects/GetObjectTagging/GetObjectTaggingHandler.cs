using BleepStore.Application.Abstractions;
using BleepStore.Application.Tagging;
using BleepStore.Domain.Tagging;
using MediatR;

namespace BleepStore.Application.Objects.GetObjectTagging;

internal sealed class GetObjectTaggingHandler(IMetadataStore store) : IRequestHandler<GetObjectTaggingQuery, IReadOnlyList<Tag>>
{
    public async Task<IReadOnlyList<Tag>> Handle(GetObjectTaggingQuery request, CancellationToken cancellationToken)
    {
        var obj = await TaggingAccess.RequireObjectAsync(store, request.Bucket, request.Key, request.Context.Caller, write: false, cancellationToken, request.VersionId).ConfigureAwait(false);
        return obj.Tags;
    }
}
