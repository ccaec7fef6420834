namespace BleepStore.Application.Admin.ListCredentials;

/// <summary>GET /admin/credentials: every access key, without secrets, ordered by access key id.</summary>
public sealed record ListCredentialsQuery : IAdminRequest<IReadOnlyList<CredentialSummary>>;
