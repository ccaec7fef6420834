using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads;

internal static class UploadLookup
{
    /// <summary>The open upload, or NoSuchUpload when it is unknown, finished, aborted or belongs to another bucket or key.</summary>
    public static async Task<MultipartUpload> RequireUploadAsync(this IMetadataStore store, string uploadId, string bucket, string key, CancellationToken ct)
    {
        var upload = string.IsNullOrEmpty(uploadId) ? null : await store.GetUploadAsync(uploadId, ct).ConfigureAwait(false);
        if (upload is null || upload.Bucket != bucket || upload.Key != key)
        {
            throw NoSuchUpload(uploadId);
        }

        return upload;
    }

    public static S3Exception NoSuchUpload(string uploadId) => new(S3Errors.NoSuchUpload, details: [new("UploadId", uploadId)]);
}
