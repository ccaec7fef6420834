using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Admin;

/// <summary>A credential as the admin API shows it: never its secret.</summary>
public sealed record CredentialSummary(string AccessKeyId, bool Active, DateTimeOffset CreatedAt, string? Description, string OwnerId, string DisplayName)
{
    /// <summary><c>active</c> or <c>disabled</c> (spec 70: status ↔ active).</summary>
    public string Status => Active ? "active" : "disabled";

    public static CredentialSummary Of(Credential credential) =>
        new(credential.AccessKeyId, credential.Active, credential.CreatedAt, credential.Description, credential.Owner.Id, credential.Owner.DisplayName);
}
