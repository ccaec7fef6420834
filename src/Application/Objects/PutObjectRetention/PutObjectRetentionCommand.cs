using BleepStore.Application.Requests;
using BleepStore.Domain.Objects;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectRetention;

/// <summary><c>PUT /{bucket}/{key}?retention</c> (docs/object-lock.md).</summary>
/// <param name="Retention">The Retention document: a mode and date, or an empty Retention (removes it; GOVERNANCE needs bypass).</param>
/// <param name="BypassGovernance"><c>x-amz-bypass-governance-retention: true</c>.</param>
public sealed record PutObjectRetentionCommand(
    S3RequestContext Context, string Bucket, string Key, RequestDocument<ObjectRetention?> Retention, string? VersionId = null, bool BypassGovernance = false)
    : IS3Request<Unit>, IHasBody, IVersionedObjectRequest
{
    Stream IHasBody.Body { get => Retention.Body; set => Retention.Body = value; }

    long? IHasBody.ContentLength { get => Retention.ContentLength; set => Retention.ContentLength = value; }
}

internal sealed class PutObjectRetentionValidator : VersionIdValidator<PutObjectRetentionCommand>;
