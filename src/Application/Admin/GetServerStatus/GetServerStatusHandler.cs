using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Admin.GetServerStatus;

internal sealed class GetServerStatusHandler(AdminHostInfo host, IMetadataStore metadata, IObjectStorage storage, IClock clock)
    : IRequestHandler<GetServerStatusQuery, ServerStatus>
{
    public async Task<ServerStatus> Handle(GetServerStatusQuery request, CancellationToken cancellationToken)
    {
        var counts = await metadata.CountAsync(cancellationToken).ConfigureAwait(false);
        var healthy = true;
        try
        {
            await metadata.PingAsync(cancellationToken).ConfigureAwait(false);
            await storage.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            healthy = false;
        }

        var uptime = (long)Math.Max(0, (clock.UtcNow - host.StartedAt).TotalSeconds);
        return new ServerStatus(
            host.Version, host.Commit, host.StartedAt, uptime, "embedded", healthy, host.StorageBackend, host.MetadataEngine,
            counts.Buckets, counts.Objects, counts.TotalObjectBytes, counts.Uploads);
    }
}
