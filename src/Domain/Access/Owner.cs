namespace BleepStore.Domain.Access;

/// <summary>An account: the canonical id is the access key of its credential (spec 95 #9).</summary>
public sealed record Owner(string Id, string DisplayName);
