namespace BleepStore.Application.Admin.GetServerStatus;

/// <summary>GET /admin/status: version, uptime, adapters, health and what the store holds.</summary>
public sealed record GetServerStatusQuery : IAdminRequest<ServerStatus>;

/// <param name="Healthy">The metadata store answered a ping and the storage backend its health check.</param>
public sealed record ServerStatus(
    string Version,
    string Commit,
    DateTimeOffset StartedAt,
    long UptimeSeconds,
    string Mode,
    bool Healthy,
    string StorageBackend,
    string MetadataEngine,
    long Buckets,
    long Objects,
    long TotalObjectBytes,
    long MultipartUploads);
