using BleepStore.Domain.Access;

namespace BleepStore.Domain.Credentials;

/// <summary>An access key pair and the account it acts as. Only active credentials authenticate.</summary>
public sealed record Credential(string AccessKeyId, string SecretKey, Owner Owner, bool Active, DateTimeOffset CreatedAt);
