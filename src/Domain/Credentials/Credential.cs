using BleepStore.Domain.Access;

namespace BleepStore.Domain.Credentials;

/// <summary>
/// An access key pair and the account it acts as. Only active credentials authenticate. The description is the
/// operator's note (admin API, at most 256 characters); null when none was given.
/// </summary>
public sealed record Credential(string AccessKeyId, string SecretKey, Owner Owner, bool Active, DateTimeOffset CreatedAt, string? Description = null);
