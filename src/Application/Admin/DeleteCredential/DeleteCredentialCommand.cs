using MediatR;

namespace BleepStore.Application.Admin.DeleteCredential;

/// <summary>
/// DELETE /admin/credentials/{id}: the key is gone for good (the next request with it is InvalidAccessKeyId).
/// A key from the config file (<c>auth.*</c>) is seeded again at the next start: remove it there too.
/// </summary>
public sealed record DeleteCredentialCommand(string AccessKeyId) : IAdminRequest<Unit>;
