namespace BleepStore.Application.Objects.HeadObject;

internal sealed class HeadObjectValidator : ObjectReadValidator<HeadObjectQuery>;
