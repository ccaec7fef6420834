namespace BleepStore.Domain.Access;

public static class PermissionNames
{
    public static string ToS3(this Permission p) => p switch
    {
        Permission.FullControl => "FULL_CONTROL",
        Permission.Read => "READ",
        Permission.Write => "WRITE",
        Permission.ReadAcp => "READ_ACP",
        _ => "WRITE_ACP",
    };

    public static bool TryParse(string? s, out Permission permission)
    {
        permission = s switch
        {
            "FULL_CONTROL" => Permission.FullControl,
            "READ" => Permission.Read,
            "WRITE" => Permission.Write,
            "READ_ACP" => Permission.ReadAcp,
            "WRITE_ACP" => Permission.WriteAcp,
            _ => (Permission)(-1),
        };
        return (int)permission >= 0;
    }
}
