namespace BleepStore.Domain.Access;

public sealed record Grant(Grantee Grantee, Permission Permission);
