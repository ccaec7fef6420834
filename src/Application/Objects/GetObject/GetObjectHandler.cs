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

        var range = ByteRange.Parse(request.Range, obj.Size, out var unsatisfiable);
        if (unsatisfiable)
        {
            throw new S3Exception(S3Errors.InvalidRange, details: [new("RangeRequested", request.Range ?? ""), new("ActualObjectSize", obj.Size.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        Stream body;
        try
        {
            body = range is { } r
                ? await storage.OpenReadAsync(obj.Bucket, obj.BlobId, r.First, r.Length, cancellationToken).ConfigureAwait(false)
                : await storage.OpenReadAsync(obj.Bucket, obj.BlobId, 0, null, cancellationToken).ConfigureAwait(false);
        }
        catch (BlobNotFoundException)
        {
            // A row without bytes is corruption (crash-only rule 5): say so, never pretend the key is absent.
            throw new S3Exception(S3Errors.InternalError, "The object's data is missing from storage.");
        }

        return new GetObjectResult(obj, body, range, false, request.ResponseOverrides);
    }
}
