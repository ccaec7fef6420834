using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Listing.ListObjects;

internal sealed class ListObjectsValidator : S3Validator<ListObjectsQuery>
{
    public ListObjectsValidator()
    {
        RuleFor(q => q.ListType)
            .Must(t => t is null)
            .WithS3Error((_, t) => S3Exception.InvalidArgument("Invalid List Type specified in Request", "list-type", t));
        RuleFor(q => q.MaxKeys).IsInteger("max-keys", q => q.RawMaxKeys).IsNotNegativeMaxKeys();
        RuleFor(q => q.EncodingType).IsEncodingType();
    }
}
