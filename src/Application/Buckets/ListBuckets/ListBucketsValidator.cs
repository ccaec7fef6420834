using System.Globalization;
using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Buckets.ListBuckets;

/// <summary><c>max-buckets</c> an integer from 1 to 10000 (S3's range).</summary>
internal sealed class ListBucketsValidator : S3Validator<ListBucketsQuery>
{
    public const int MaxPageSize = 10000;

    public ListBucketsValidator()
    {
        RuleFor(q => q.MaxBuckets)
            .IsInteger("max-buckets", q => q.RawMaxBuckets)
            .Must(n => n is null or >= 1 and <= MaxPageSize)
            .WithS3Error((_, n) => S3Exception.InvalidArgument(
                "Argument max-buckets must be an integer between 1 and 10000", "max-buckets", n?.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>A plain ListBuckets (no max-buckets) has nothing to check.</summary>
    public override bool HasInput(ListBucketsQuery request) => request.MaxBuckets is not null || request.RawMaxBuckets is not null;
}
