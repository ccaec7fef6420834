namespace BleepStore.Domain.Access;

public enum Permission
{
    FullControl,
    Read,
    Write,
    ReadAcp,
    WriteAcp,
}
