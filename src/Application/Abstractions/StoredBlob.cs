namespace BleepStore.Application.Abstractions;

public readonly record struct StoredBlob(string BlobId, long Size);
