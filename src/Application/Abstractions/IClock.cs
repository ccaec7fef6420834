namespace BleepStore.Application.Abstractions;

public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
