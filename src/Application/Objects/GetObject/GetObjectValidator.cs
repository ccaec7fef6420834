namespace BleepStore.Application.Objects.GetObject;

internal sealed class GetObjectValidator : ObjectReadValidator<GetObjectQuery>;
