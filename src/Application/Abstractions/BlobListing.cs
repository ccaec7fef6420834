namespace BleepStore.Application.Abstractions;

/// <summary>One blob a backend holds, for reconciliation with the metadata: its id and when it was written.</summary>
public readonly record struct BlobListing(string BlobId, DateTimeOffset WrittenAt);
