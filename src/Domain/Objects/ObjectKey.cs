using System.Text;
using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Objects;

/// <summary>Object key rules: at most 1024 UTF-8 bytes, ordered as UTF-8 bytes (spec 20).</summary>
public static class ObjectKey
{
    public const int MaxBytes = 1024;

    public static void EnsureValid(string key)
    {
        if (key.Length == 0)
        {
            throw S3Exception.InvalidArgument("The key must not be empty.", "key", key);
        }

        // UTF-8 needs at most 3 bytes per UTF-16 unit, so short keys skip the count.
        if (key.Length > MaxBytes / 3 && Encoding.UTF8.GetByteCount(key) > MaxBytes)
        {
            throw new S3Exception(S3Errors.KeyTooLongError, details: [new("Size", Encoding.UTF8.GetByteCount(key).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("MaxSizeAllowed", "1024")]);
        }
    }
}
