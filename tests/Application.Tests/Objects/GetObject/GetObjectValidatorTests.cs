using BleepStore.Application.Objects.GetObject;
using FluentValidation;

namespace BleepStore.Application.Tests.Objects.GetObject;

public sealed class GetObjectValidatorTests : ObjectReadValidatorContract<GetObjectQuery>
{
    protected override IValidator<GetObjectQuery> Validator { get; } = new GetObjectValidator();

    protected override GetObjectQuery Query(string? range = null, int? partNumber = null, string? rawPartNumber = null, string? versionId = null) =>
        new(Context, "b", "k", range, PartNumber: partNumber, RawPartNumber: rawPartNumber, VersionId: versionId);
}
