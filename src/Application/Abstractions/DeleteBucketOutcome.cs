namespace BleepStore.Application.Abstractions;

public enum DeleteBucketOutcome
{
    Deleted,
    NotFound,
    NotEmpty,
}
