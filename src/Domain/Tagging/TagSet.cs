using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Tagging;

/// <summary>
/// S3's tag rules (docs/tagging.md): unique keys of 1–128 and values of 0–256 UTF-16 code units (S3 keeps
/// tags in UTF-16 and counts a surrogate pair as two), letters, numbers, separator spaces and
/// <c>_ . : / = + - @</c> only, no <c>aws:</c> prefix; at most 10 tags on an object, 50 on a bucket.
/// A valid set is kept in ordinal key order, the order S3 answers in.
/// </summary>
public static class TagSet
{
    public const int MaxObjectTags = 10;
    public const int MaxBucketTags = 50;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 256;

    public static readonly IReadOnlyList<Tag> Empty = [];

    /// <summary>The set of an object: more than 10 tags is <c>BadRequest</c>, as S3 answers for the header and the document alike.</summary>
    public static IReadOnlyList<Tag> ForObject(IReadOnlyList<Tag> tags)
    {
        if (tags.Count > MaxObjectTags)
        {
            throw new S3Exception(S3Errors.BadRequest, "Object tags cannot be greater than 10");
        }

        return Checked(tags, "Your TagKey cannot be prefixed with aws:");
    }

    public static IReadOnlyList<Tag> ForBucket(IReadOnlyList<Tag> tags)
    {
        if (tags.Count > MaxBucketTags)
        {
            throw new S3Exception(S3Errors.InvalidTag, "Bucket tag count cannot be greater than 50");
        }

        return Checked(tags, "System tags cannot be added/updated by requester");
    }

    private static IReadOnlyList<Tag> Checked(IReadOnlyList<Tag> tags, string reservedMessage)
    {
        if (tags.Count == 0)
        {
            return Empty;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            if (tag.Key.Length == 0 || !IsTagText(tag.Key))
            {
                throw new S3Exception(S3Errors.InvalidTag, "The TagKey you have provided is invalid");
            }

            if (tag.Key.Length > MaxKeyLength)
            {
                throw new S3Exception(S3Errors.InvalidTag, "The TagKey you have provided is too long, max 128");
            }

            if (!IsTagText(tag.Value))
            {
                throw new S3Exception(S3Errors.InvalidTag, "The TagValue you have provided is invalid");
            }

            if (tag.Value.Length > MaxValueLength)
            {
                throw new S3Exception(S3Errors.InvalidTag, "The TagValue you have provided is too long, max 256");
            }

            if (tag.Key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new S3Exception(S3Errors.InvalidTag, reservedMessage);
            }

            if (!seen.Add(tag.Key))
            {
                throw new S3Exception(S3Errors.InvalidTag, "Cannot provide multiple Tags with the same key");
            }
        }

        var sorted = tags.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return sorted;
    }

    /// <summary><c>[\p{L}\p{Z}\p{N}_.:/=+\-@]*</c>, over code points (a surrogate pair is one letter or number).</summary>
    private static bool IsTagText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@')
            {
                continue;
            }

            System.Globalization.UnicodeCategory category;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                category = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(text, i);
                i++;
            }
            else
            {
                category = char.GetUnicodeCategory(c);
            }

            if (!IsLetterSeparatorOrNumber(category))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLetterSeparatorOrNumber(System.Globalization.UnicodeCategory category) => category switch
    {
        System.Globalization.UnicodeCategory.UppercaseLetter or System.Globalization.UnicodeCategory.LowercaseLetter
            or System.Globalization.UnicodeCategory.TitlecaseLetter or System.Globalization.UnicodeCategory.ModifierLetter
            or System.Globalization.UnicodeCategory.OtherLetter => true,
        System.Globalization.UnicodeCategory.SpaceSeparator or System.Globalization.UnicodeCategory.LineSeparator
            or System.Globalization.UnicodeCategory.ParagraphSeparator => true,
        System.Globalization.UnicodeCategory.DecimalDigitNumber or System.Globalization.UnicodeCategory.LetterNumber
            or System.Globalization.UnicodeCategory.OtherNumber => true,
        _ => false,
    };
}
