using System.Globalization;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Objects;

/// <summary>
/// What GET or HEAD sends: the object, and either "not modified" or the byte range (null = whole object); the bucket
/// it was read from answers the version id and expiration headers without a second lookup.
/// </summary>
internal readonly record struct ObjectReadPlan(ObjectRecord Object, ByteRange? Range, bool NotModified, Bucket Bucket)
{
    public bool Versioned => Bucket.Versioning is not null;
}

/// <summary>
/// The read path GetObject and HeadObject share: load the object as the caller may see it, apply the
/// conditional headers (ConditionEvaluator), then resolve <c>partNumber</c> or <c>Range</c>.
/// HEAD sends the same status and headers and no body (its errors too).
/// </summary>
internal static class ObjectRead
{
    public static async Task<ObjectReadPlan> PlanAsync(IMetadataStore store, IObjectRead request, CancellationToken ct)
    {
        var (obj, bucket) = await store.RequireReadableVersionAsync(request.Bucket, request.Key, request.VersionId, request.Context.Caller, "GET", ct).ConfigureAwait(false);
        switch (ConditionEvaluator.Evaluate(request.Conditions ?? ObjectConditions.None, obj.ETag, obj.LastModified))
        {
            case ConditionOutcome.PreconditionFailed:
                throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-Match")]);
            case ConditionOutcome.NotModified:
                return new ObjectReadPlan(obj, null, true, bucket);
        }

        var unsatisfiable = false;
        var range = request.PartNumber is { } part ? PartRanges.Resolve(obj, part) : ByteRange.Parse(request.Range, obj.Size, out unsatisfiable);
        if (unsatisfiable)
        {
            throw new S3Exception(S3Errors.InvalidRange, details:
                [new("RangeRequested", request.Range ?? ""), new("ActualObjectSize", obj.Size.ToString(CultureInfo.InvariantCulture))]);
        }

        return new ObjectReadPlan(obj, range, false, bucket);
    }
}
