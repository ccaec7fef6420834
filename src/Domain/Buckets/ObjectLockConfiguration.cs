using BleepStore.Domain.Objects;

namespace BleepStore.Domain.Buckets;

/// <summary>
/// A bucket's object lock configuration. Its presence on a bucket means object lock is enabled (S3 never disables
/// it again); <see cref="DefaultRetention"/> is the optional rule applied to new versions without lock headers.
/// </summary>
public sealed record ObjectLockConfiguration(DefaultRetention? DefaultRetention)
{
    public static readonly ObjectLockConfiguration EnabledWithoutRule = new((DefaultRetention?)null);
}

/// <summary>A default retention rule: a mode and either <see cref="Days"/> or <see cref="Years"/> (never both).</summary>
public sealed record DefaultRetention(string Mode, int? Days, int? Years)
{
    /// <summary>The retention a version created at <paramref name="createdAt"/> gets from this rule.</summary>
    public ObjectRetention For(DateTimeOffset createdAt) =>
        new(Mode, Years is { } years ? createdAt.AddYears(years) : createdAt.AddDays(Days ?? 0));
}
