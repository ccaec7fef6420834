namespace BleepStore.Domain.Lifecycle;

/// <summary>
/// <c>NoncurrentVersionExpiration</c>: a version that has been noncurrent for <see cref="NoncurrentDays"/> days is
/// removed, except the <see cref="NewerNoncurrentVersions"/> newest noncurrent versions of its key.
/// </summary>
public sealed record NoncurrentVersionExpiration(int NoncurrentDays, int? NewerNoncurrentVersions);
