using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Objects.PutObjectLegalHold;

/// <summary><c>PUT /{bucket}/{key}?legal-hold</c> (docs/object-lock.md).</summary>
/// <param name="LegalHold">The LegalHold document's Status: true ON, false OFF.</param>
public sealed record PutObjectLegalHoldCommand(S3RequestContext Context, string Bucket, string Key, RequestDocument<bool> LegalHold, string? VersionId = null)
    : IS3Request<Unit>, IHasBody, IVersionedObjectRequest
{
    Stream IHasBody.Body { get => LegalHold.Body; set => LegalHold.Body = value; }

    long? IHasBody.ContentLength { get => LegalHold.ContentLength; set => LegalHold.ContentLength = value; }
}

internal sealed class PutObjectLegalHoldValidator : VersionIdValidator<PutObjectLegalHoldCommand>;
