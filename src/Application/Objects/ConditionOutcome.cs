namespace BleepStore.Application.Objects;

internal enum ConditionOutcome
{
    Proceed,
    NotModified,
    PreconditionFailed,
}
