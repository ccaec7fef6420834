using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Tests.Auth;

internal sealed class FakeClock(DateTimeOffset now) : IClock
{
    public DateTimeOffset UtcNow { get; set; } = now;
}
