namespace BleepStore.Application.Admin.CreateCredential;

/// <summary>
/// POST /admin/credentials: a new active key pair with a generated id (<c>AKBS</c> + 16 of A–Z0–9) and a
/// generated 40-character secret, shown once in the result. The key acts as <paramref name="OwnerId"/> (an
/// existing account's id, to rotate its keys) or, when none is given, as a new account whose id is the key id.
/// </summary>
/// <param name="Description">At most 256 characters.</param>
/// <param name="DisplayName">The owner's display name; default: the owner id.</param>
public sealed record CreateCredentialCommand(string? Description = null, string? OwnerId = null, string? DisplayName = null)
    : IAdminRequest<CreatedCredential>;

/// <param name="SecretAccessKey">Shown only here: the store keeps it for SigV4, no read returns it.</param>
public sealed record CreatedCredential(CredentialSummary Credential, string SecretAccessKey);
