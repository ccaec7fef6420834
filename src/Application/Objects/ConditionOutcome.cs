namespace BleepStore.Application.Objects;

public enum ConditionOutcome
{
    Proceed,
    NotModified,
    PreconditionFailed,
}
