namespace BleepStore.Application.Abstractions;

/// <summary>A metadata row points at bytes the backend no longer has: S3 answers InternalError.</summary>
public sealed class BlobNotFoundException(string blobId) : Exception($"Blob {blobId} is missing from storage.")
{
    public string BlobId { get; } = blobId;
}
