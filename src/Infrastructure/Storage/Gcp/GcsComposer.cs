using Google.Apis.Storage.v1.Data;
using Google.Cloud.Storage.V1;
using GcsObject = Google.Apis.Storage.v1.Data.Object;

namespace BleepStore.Infrastructure.Storage.Gcp;

/// <summary>
/// Composes many objects into one with GCS's compose, at most 32 sources per call: more are composed 32 at
/// a time into intermediates <c>{destination}.__compose_tmp_{round}_{i}</c>, round after round, and the
/// intermediates deleted afterwards. Every intermediate is created with <c>ifGenerationMatch=0</c>, and so is the
/// destination unless <paramref name="intermediateName"/> is given: then the destination (a key-named object,
/// decision 0010) is replaced, and intermediates take the names it makes (fresh staging names).
/// </summary>
internal sealed class GcsComposer(StorageClient client, string bucket, string destination, Func<string>? intermediateName = null)
{
    private readonly List<string> _intermediates = [];

    public async Task<GcsObject> ComposeAsync(IReadOnlyList<string> sources, CancellationToken ct)
    {
        var round = 0;
        while (sources.Count > GcsObjectStorage.MaxComposeSources)
        {
            var next = new List<string>();
            for (var i = 0; i * GcsObjectStorage.MaxComposeSources < sources.Count; i++)
            {
                var name = intermediateName?.Invoke() ?? $"{destination}.__compose_tmp_{round}_{i}";
                _intermediates.Add(name);
                await ComposeOnceAsync(sources.Skip(i * GcsObjectStorage.MaxComposeSources).Take(GcsObjectStorage.MaxComposeSources), name, ct).ConfigureAwait(false);
                next.Add(name);
            }

            sources = next;
            round++;
        }

        return await ComposeOnceAsync(sources, destination, ct, replace: intermediateName is not null).ConfigureAwait(false);
    }

    /// <summary>Best effort: an intermediate left behind is an orphan under the bucket's prefix.</summary>
    public async Task DeleteIntermediatesAsync()
    {
        foreach (var name in _intermediates)
        {
            try
            {
                await client.DeleteObjectAsync(bucket, name, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Google.GoogleApiException or HttpRequestException)
            {
            }
        }
    }

    private Task<GcsObject> ComposeOnceAsync(IEnumerable<string> sources, string target, CancellationToken ct, bool replace = false)
    {
        var request = new ComposeRequest
        {
            SourceObjects = [.. sources.Select(static s => new ComposeRequest.SourceObjectsData { Name = s })],
            Destination = new GcsObject { Bucket = bucket, Name = target, ContentType = "application/octet-stream" },
        };
        var compose = client.Service.Objects.Compose(request, bucket, target);
        if (!replace)
        {
            compose.IfGenerationMatch = 0;
        }

        return compose.ExecuteAsync(ct);
    }
}
