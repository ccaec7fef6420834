using BleepStore.Application.Validation;
using FluentValidation;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;

namespace BleepStore.Application.Listing.ListObjectVersions;

internal sealed class ListObjectVersionsValidator : S3Validator<ListObjectVersionsQuery>
{
    public ListObjectVersionsValidator()
    {
        RuleFor(q => q.MaxKeys).IsInteger("max-keys", q => q.RawMaxKeys).IsNotNegativeMaxKeys();
        RuleFor(q => q.EncodingType).IsEncodingType();
        RuleFor(q => q.VersionIdMarker)
            .Must((q, v) => string.IsNullOrEmpty(v) || !string.IsNullOrEmpty(q.KeyMarker))
            .WithS3Error((_, v) => S3Exception.InvalidArgument("A version-id marker cannot be specified without a key marker.", "version-id-marker", v))
            .Must(v => string.IsNullOrEmpty(v) || VersionIds.IsWellFormed(v))
            .WithS3Error((_, v) => S3Exception.InvalidArgument("Invalid version id specified", "version-id-marker", v));
    }
}
