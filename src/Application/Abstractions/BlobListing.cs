namespace BleepStore.Application.Abstractions;

/// <summary>
/// One blob a backend holds, for reconciliation with the metadata: its id, when it was written, and its size in
/// bytes when the listing knows it without reading the blob (-1 otherwise).
/// </summary>
public readonly record struct BlobListing(string BlobId, DateTimeOffset WrittenAt, long Size = -1);
