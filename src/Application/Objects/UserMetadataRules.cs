using System.Text;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Objects;

internal static class UserMetadataRules
{
    public const string Prefix = "x-amz-meta-";

    /// <summary>S3's limit: 2 KB of user metadata, names (without the prefix) and values in UTF-8 (spec 95 #34).</summary>
    public const int MaxBytes = 2048;

    public static void EnsureWithinLimit(IReadOnlyDictionary<string, string> metadata)
    {
        var total = 0;
        foreach (var (name, value) in metadata)
        {
            var bare = name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? name.AsSpan(Prefix.Length) : name.AsSpan();
            total += Encoding.UTF8.GetByteCount(bare) + Encoding.UTF8.GetByteCount(value);
        }

        if (total > MaxBytes)
        {
            throw new S3Exception(S3Errors.MetadataTooLarge, details: [new("Size", total.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("MaxSizeAllowed", "2048")]);
        }
    }
}
