using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Abstractions;

/// <summary>
/// A condition the metadata store checks atomically with the write (conditional PUT / Complete):
/// <c>If-None-Match: *</c> (the key must not exist) and/or <c>If-Match</c> (the current ETag must match).
/// </summary>
public readonly record struct WriteCondition(bool IfNoneMatchAny, string? IfMatch)
{
    public static readonly WriteCondition None = default;

    public bool IsNone => !IfNoneMatchAny && IfMatch is null;

    /// <summary>
    /// The check every metadata store makes inside the writing transaction: <paramref name="currentETag"/> is the key's
    /// current object's ETag, null when there is none. <c>If-None-Match: *</c> on an existing key and an
    /// <c>If-Match</c> that lists no current ETag are 412 PreconditionFailed; <c>If-Match</c> on a missing key is NoSuchKey.
    /// </summary>
    public void Check(string key, string? currentETag)
    {
        if (IsNone)
        {
            return;
        }

        if (IfNoneMatchAny && currentETag is not null)
        {
            throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-None-Match")]);
        }

        if (IfMatch is { } ifMatch)
        {
            if (currentETag is null)
            {
                throw S3Exception.NoSuchKey(key);
            }

            if (!ETag.ListMatches(ifMatch, currentETag))
            {
                throw new S3Exception(S3Errors.PreconditionFailed, details: [new("Condition", "If-Match")]);
            }
        }
    }
}
