using BleepStore.Application.Objects.HeadObject;
using FluentValidation;

namespace BleepStore.Application.Tests.Objects.HeadObject;

public sealed class HeadObjectValidatorTests : ObjectReadValidatorContract<HeadObjectQuery>
{
    protected override IValidator<HeadObjectQuery> Validator { get; } = new HeadObjectValidator();

    protected override HeadObjectQuery Query(string? range = null, int? partNumber = null, string? rawPartNumber = null, string? versionId = null) =>
        new(Context, "b", "k", range, PartNumber: partNumber, RawPartNumber: rawPartNumber, VersionId: versionId);
}
