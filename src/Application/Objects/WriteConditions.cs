using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Objects;

internal static class WriteConditions
{
    /// <summary>Conditional writes: S3 supports <c>If-None-Match: *</c> and <c>If-Match: etag</c> only.</summary>
    public static WriteCondition From(string? ifNoneMatch, string? ifMatch)
    {
        var noneMatchAny = false;
        if (ifNoneMatch is not null)
        {
            if (ifNoneMatch.Trim() != "*")
            {
                throw new S3Exception(S3Errors.NotImplemented, "A header you provided implies functionality that is not implemented", [new("Header", "If-None-Match")]);
            }

            noneMatchAny = true;
        }

        return new WriteCondition(noneMatchAny, string.IsNullOrWhiteSpace(ifMatch) ? null : ifMatch.Trim());
    }
}
