using BleepStore.Application.Validation;

namespace BleepStore.Application.Uploads.UploadPart;

/// <summary>The framing rules first (as the binder used to apply them), then the part number.</summary>
internal sealed class UploadPartValidator : StreamingBodyValidator<UploadPartCommand, UploadPartResult>
{
    public UploadPartValidator()
    {
        RuleFor(c => c.PartNumber).IsPartNumber(c => c.RawPartNumber);
    }

    /// <summary>Every UploadPart carries a part number to judge.</summary>
    public override bool HasInput(UploadPartCommand request) => true;
}
