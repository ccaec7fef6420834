using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.UploadPart;

internal sealed class UploadPartValidator : S3Validator<UploadPartCommand>
{
    public UploadPartValidator()
    {
        RuleFor(c => c.PartNumber).IsPartNumber(c => c.RawPartNumber);
    }
}
