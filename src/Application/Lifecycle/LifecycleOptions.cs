namespace BleepStore.Application.Lifecycle;

/// <summary>How the lifecycle worker counts days and how much it does at a time (docs/lifecycle.md).</summary>
public sealed record LifecycleOptions
{
    /// <summary>The length of a lifecycle "day" (<c>lifecycle.day_seconds</c>); shorter only for tests.</summary>
    public TimeSpan DayLength { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Entries read per listing page; the deletions they lead to run before the next page is acted on.</summary>
    public int BatchSize { get; init; } = 1000;
}
