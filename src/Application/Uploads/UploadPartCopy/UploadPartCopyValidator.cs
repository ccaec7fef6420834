using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.UploadPartCopy;

internal sealed class UploadPartCopyValidator : S3Validator<UploadPartCopyCommand>
{
    public UploadPartCopyValidator()
    {
        RuleFor(c => c.PartNumber).IsPartNumber(c => c.RawPartNumber);
    }
}
