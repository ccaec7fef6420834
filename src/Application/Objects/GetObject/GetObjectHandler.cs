using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.GetObject;

internal sealed class GetObjectHandler(IMetadataStore store, IObjectStorage storage) : IRequestHandler<GetObjectQuery, GetObjectResult>
{
    public async Task<GetObjectResult> Handle(GetObjectQuery request, CancellationToken cancellationToken)
    {
        var caller = request.Context.Caller;
        if (caller is null && request.ResponseOverrides is { Count: > 0 })
        {
            throw new S3Exception(S3Errors.InvalidRequest, "Request specific response headers cannot be used for anonymous GET requests.");
        }

        var obj = await store.RequireReadableAsync(request.Bucket, request.Key, caller, cancellationToken).ConfigureAwait(false);
        switch (ConditionEvaluator.Evaluate(request.Conditions ?? ObjectConditions.None, obj.ETag, obj.LastModified))
        {
            case ConditionOutcome.PreconditionFailed:
                throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-Match")]);
            case ConditionOutcome.NotModified:
                return new GetObjectResult(obj, null, null, true, null);
        }

        var unsatisfiable = false;
        var range = request.PartNumber is { } part ? PartRanges.Resolve(obj, part) : ByteRange.Parse(request.Range, obj.Size, out unsatisfiable);
        if (unsatisfiable)
        {
            throw new S3Exception(S3Errors.InvalidRange, details: [new("RangeRequested", request.Range ?? ""), new("ActualObjectSize", obj.Size.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        var body = range is { } r
            ? await ObjectBytes.OpenReadAsync(storage, obj, r.First, r.Length, cancellationToken).ConfigureAwait(false)
            : await ObjectBytes.OpenReadAsync(storage, obj, 0, null, cancellationToken).ConfigureAwait(false);

        return new GetObjectResult(obj, body, range, false, request.ResponseOverrides);
    }
}
