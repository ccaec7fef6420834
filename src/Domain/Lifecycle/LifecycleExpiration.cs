namespace BleepStore.Domain.Lifecycle;

/// <summary>
/// <c>Expiration</c>: current versions expire <see cref="Days"/> days after they were written (rounded up to the
/// next day boundary, as S3 rounds to midnight UTC) or on <see cref="Date"/>; with
/// <see cref="ExpiredObjectDeleteMarker"/> a delete marker with no versions left behind it is removed.
/// </summary>
public sealed record LifecycleExpiration(int? Days, DateTimeOffset? Date, bool? ExpiredObjectDeleteMarker)
{
    /// <summary>Whether lone delete markers are removed: asked for, or implied by Days/Date (S3 removes them then too).</summary>
    public bool RemovesExpiredMarkers => ExpiredObjectDeleteMarker == true || Days is not null || Date is not null;
}
