using BleepStore.Application.Abstractions;
using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.HeadObject;

/// <summary>GetObject without the body: the same parameters, checks and errors (S3 sends HEAD errors without a body).</summary>
public sealed record HeadObjectQuery(
    S3RequestContext Context,
    string Bucket,
    string Key,
    string? Range = null,
    ObjectConditions? Conditions = null,
    IReadOnlyDictionary<string, string>? ResponseOverrides = null,
    int? PartNumber = null,
    string? RawPartNumber = null) : IObjectRead, IS3Request<HeadObjectResult>;

public sealed record HeadObjectResult(ObjectRecord Object, ByteRange? Range, bool NotModified, IReadOnlyDictionary<string, string>? ResponseOverrides);

internal sealed class HeadObjectHandler(IMetadataStore store) : IRequestHandler<HeadObjectQuery, HeadObjectResult>
{
    public async Task<HeadObjectResult> Handle(HeadObjectQuery request, CancellationToken cancellationToken)
    {
        var obj = await store.RequireReadableAsync(request.Bucket, request.Key, request.Context.Caller, cancellationToken).ConfigureAwait(false);
        switch (ConditionEvaluator.Evaluate(request.Conditions ?? ObjectConditions.None, obj.ETag, obj.LastModified))
        {
            case ConditionOutcome.PreconditionFailed:
                throw new S3Exception(S3Errors.PreconditionFailed);
            case ConditionOutcome.NotModified:
                return new HeadObjectResult(obj, null, true, null);
        }

        var unsatisfiable = false;
        var range = request.PartNumber is { } part ? PartRanges.Resolve(obj, part) : ByteRange.Parse(request.Range, obj.Size, out unsatisfiable);
        if (unsatisfiable)
        {
            throw new S3Exception(S3Errors.InvalidRange, details: [new("ActualObjectSize", obj.Size.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        return new HeadObjectResult(obj, range, false, request.ResponseOverrides);
    }
}
