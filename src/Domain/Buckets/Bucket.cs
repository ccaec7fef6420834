using BleepStore.Domain.Access;

namespace BleepStore.Domain.Buckets;

public sealed record Bucket(string Name, string Region, Owner Owner, AccessControlList Acl, DateTimeOffset CreatedAt);
