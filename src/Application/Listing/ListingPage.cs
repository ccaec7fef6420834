using BleepStore.Domain.Objects;

namespace BleepStore.Application.Listing;

/// <param name="Last">The last key or common prefix returned: where the next page resumes.</param>
public sealed record ListingPage(IReadOnlyList<ObjectRecord> Contents, IReadOnlyList<string> CommonPrefixes, bool IsTruncated, string? Last);
