namespace BleepStore.Domain.Objects;

/// <summary>An object version's retention: a mode (<see cref="ObjectLockMode"/>) and the instant it lasts until.</summary>
public sealed record ObjectRetention(string Mode, DateTimeOffset RetainUntil)
{
    /// <summary>Whether it still protects the version at <paramref name="now"/> (S3: until the retain-until date has passed).</summary>
    public bool IsInForce(DateTimeOffset now) => RetainUntil > now;
}
