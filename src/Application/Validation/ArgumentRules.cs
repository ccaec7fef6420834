using System.Globalization;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using FluentValidation;

namespace BleepStore.Application.Validation;

/// <summary>Rules several use cases share, each with S3's exact error.</summary>
internal static class ArgumentRules
{
    public const string PartNumberOutOfRange = "Part number must be an integer between 1 and 10000, inclusive";

    /// <summary>
    /// An integer query argument that S3 refuses when it is not one. The Api passes it parsed (null when
    /// absent or not an integer) and as sent (<paramref name="raw"/>), so a value that did not parse is told
    /// apart from an absent one.
    /// </summary>
    public static IRuleBuilderOptions<T, int?> IsInteger<T>(this IRuleBuilder<T, int?> rule, string name, Func<T, string?> raw) =>
        rule.Must((request, parsed) => parsed is not null || raw(request) is null)
            .WithS3Error(request => S3Exception.InvalidArgument($"Provided {name} not an integer or within integer range", name, raw(request)));

    /// <summary><c>max-keys</c> below zero (above 1000 is clamped, not refused).</summary>
    public static IRuleBuilderOptions<T, int?> IsNotNegativeMaxKeys<T>(this IRuleBuilderOptions<T, int?> rule) =>
        rule.Must(n => n is null or >= 0)
            .WithS3Error((_, n) => S3Exception.InvalidArgument(
                "Argument maxKeys must be an integer between 0 and 2147483647", "max-keys", n?.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// <c>max-uploads</c>, <c>max-parts</c>, <c>part-number-marker</c>, <c>max-buckets</c>… below zero: S3's
    /// message names the argument (above the page size is clamped, not refused).
    /// </summary>
    public static IRuleBuilderOptions<T, int?> IsNotNegative<T>(this IRuleBuilderOptions<T, int?> rule, string name) =>
        rule.Must(n => n is null or >= 0)
            .WithS3Error((_, n) => S3Exception.InvalidArgument(
                $"Argument {name} must be an integer between 0 and 2147483647", name, n?.ToString(CultureInfo.InvariantCulture)));

    /// <summary><c>encoding-type</c>: only <c>url</c> exists.</summary>
    public static IRuleBuilderOptions<T, string?> IsEncodingType<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(e => e is null or "url")
            .WithS3Error((_, e) => S3Exception.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", e));

    /// <summary><c>versionId</c>: absent, <c>null</c>, or an id of this store's format (decision 0014); else InvalidArgument.</summary>
    public static IRuleBuilderOptions<T, string?> IsVersionId<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(v => v is null || VersionIds.IsWellFormed(v))
            .WithS3Error((_, v) => S3Exception.InvalidArgument("Invalid version id specified", "versionId", v));

    /// <summary>
    /// UploadPart(Copy) <c>partNumber</c>: 1–10000. The Api binds a missing or non-integer value as 0;
    /// the error echoes the value as sent when there was one.
    /// </summary>
    public static IRuleBuilderOptions<T, int> IsPartNumber<T>(this IRuleBuilder<T, int> rule, Func<T, string?> raw) =>
        rule.Must(n => n is >= Uploads.MultipartLimits.MinPartNumber and <= Uploads.MultipartLimits.MaxPartNumber)
            .WithS3Error((request, n) => S3Exception.InvalidArgument(PartNumberOutOfRange, "partNumber", raw(request) ?? n.ToString(CultureInfo.InvariantCulture)));
}
