using BleepStore.Domain.Buckets;
using BleepStore.Application.Validation;
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
        RuleFor(c => c.ObjectOwnership)
            .Must(o => o is null || Domain.Buckets.ObjectOwnership.IsValid(o))
            .WithS3Error((_, o) => Domain.Errors.S3Exception.InvalidArgument("Invalid x-amz-object-ownership header: " + o, "x-amz-object-ownership", o));
    }
}
