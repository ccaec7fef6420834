using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;

namespace BleepStore.Application.Tagging;

/// <summary>
/// <c>x-amz-tagging</c> (PutObject, CopyObject with REPLACE, CreateMultipartUpload): URL query
/// parameters, <c>k1=v1&amp;k2=v2</c>, form-decoded (<c>+</c> is a space); a name without <c>=</c>
/// holds the empty value. Duplicate names or a pair with two <c>=</c> are InvalidArgument, as S3
/// answers; the tags themselves then meet <see cref="TagSet.ForObject"/>.
/// </summary>
public static class TaggingHeader
{
    private const string Message =
        "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.";

    public static IReadOnlyList<Tag> Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return TagSet.Empty;
        }

        var tags = new List<Tag>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in header.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            if (eq >= 0 && pair.IndexOf('=', eq + 1) >= 0)
            {
                throw Invalid(header);
            }

            var key = Decode(eq < 0 ? pair : pair[..eq], header);
            var value = eq < 0 ? "" : Decode(pair[(eq + 1)..], header);
            if (!names.Add(key))
            {
                throw Invalid(header);
            }

            tags.Add(new Tag(key, value));
        }

        return TagSet.ForObject(tags);
    }

    private static string Decode(string text, string header)
    {
        try
        {
            return Uri.UnescapeDataString(text.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            throw Invalid(header);
        }
    }

    private static S3Exception Invalid(string header) => S3Exception.InvalidArgument(Message, "x-amz-tagging", header);
}
