using BleepStore.Domain.Errors;

namespace BleepStore.Application.Objects;

internal static class StorageClasses
{
    public const string Standard = "STANDARD";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER",
        "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW", "EXPRESS_ONEZONE",
    };

    /// <summary>Stored and returned as given (spec 95 #35); every class is served from the same backend.</summary>
    public static string Validate(string? storageClass)
    {
        if (string.IsNullOrEmpty(storageClass))
        {
            return Standard;
        }

        return Known.Contains(storageClass) ? storageClass : throw new S3Exception(S3Errors.InvalidStorageClass, details: [new("StorageClassRequested", storageClass)]);
    }
}
