using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Tests.Uploads.Fakes;

internal sealed class TestClock : IClock
{
    public DateTimeOffset UtcNow { get; set; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
}
