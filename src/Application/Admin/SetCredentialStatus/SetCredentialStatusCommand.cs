namespace BleepStore.Application.Admin.SetCredentialStatus;

/// <summary>
/// PUT /admin/credentials/{id}/status: <c>active</c> or <c>disabled</c>. A disabled key fails S3 authentication
/// (InvalidAccessKeyId, as S3 answers an inactive key) from the next request on; it can be enabled again.
/// </summary>
public sealed record SetCredentialStatusCommand(string AccessKeyId, string? Status) : IAdminRequest<CredentialSummary>;
