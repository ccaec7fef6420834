using BleepStore.Application.Validation;

namespace BleepStore.Application.Objects.DeleteObject;

internal sealed class DeleteObjectValidator : S3Validator<DeleteObjectCommand>
{
    public DeleteObjectValidator()
    {
        RuleFor(c => c.VersionId).IsVersionId();
    }

    public override bool HasInput(DeleteObjectCommand request) => request.VersionId is not null;
}
