using System.Globalization;

namespace BleepStore.Domain.Objects;

/// <summary>A resolved, satisfiable byte range: first and last offset, both inclusive.</summary>
public readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;

    /// <summary>
    /// Parses a Range header against an object size (spec 20). Returns null when the header should be
    /// ignored (absent, another unit, several ranges, bad syntax) and throws nothing; sets
    /// <paramref name="unsatisfiable"/> when S3 answers 416.
    /// </summary>
    public static ByteRange? Parse(string? header, long size, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var h = header.AsSpan().Trim();
        if (!h.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var spec = h[6..].Trim();
        if (spec.Contains(',') )
        {
            return null;
        }

        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return null;
        }

        var left = spec[..dash].Trim();
        var right = spec[(dash + 1)..].Trim();
        if (left.IsEmpty)
        {
            if (right.IsEmpty || !TryParse(right, out var n))
            {
                unsatisfiable = right.IsEmpty;
                return null;
            }

            if (n == 0 || size == 0)
            {
                unsatisfiable = true;
                return null;
            }

            return new ByteRange(Math.Max(0, size - n), size - 1);
        }

        if (!TryParse(left, out var first))
        {
            return null;
        }

        long last;
        if (right.IsEmpty)
        {
            last = size - 1;
        }
        else if (!TryParse(right, out last))
        {
            return null;
        }
        else if (last < first)
        {
            // "a-b" with b < a is a syntactically invalid range: S3 ignores it and serves the whole body.
            return null;
        }

        if (first >= size)
        {
            unsatisfiable = true;
            return null;
        }

        return new ByteRange(first, Math.Min(last, size - 1));
    }

    private static bool TryParse(ReadOnlySpan<char> s, out long value) =>
        long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
