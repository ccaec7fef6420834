using BleepStore.Domain.Buckets;
using FluentValidation;

namespace BleepStore.Application.Buckets.CreateBucket;

internal sealed class CreateBucketValidator : AbstractValidator<CreateBucketCommand>
{
    public CreateBucketValidator()
    {
        RuleFor(c => c.Bucket)
            .Must(BucketName.IsValid)
            .WithErrorCode("InvalidBucketName")
            .WithMessage("The specified bucket is not valid.");
    }
}
