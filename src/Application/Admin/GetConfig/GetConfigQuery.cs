namespace BleepStore.Application.Admin.GetConfig;

/// <summary>GET /admin/config: the running configuration, secrets redacted.</summary>
public sealed record GetConfigQuery : IAdminRequest<AdminHostInfo>;
