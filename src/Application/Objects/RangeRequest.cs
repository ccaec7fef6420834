using System.Globalization;

namespace BleepStore.Application.Objects;

/// <summary>
/// Typed ranges for <c>GetObjectQuery.Range</c>, which carries the Range header as the HTTP layer received it:
/// an embedder writes <c>Range: RangeRequest.Bytes(0, 1023)</c> instead of the header syntax. Offsets are
/// inclusive, as in HTTP; the object's size decides later whether the range is satisfiable.
/// </summary>
public static class RangeRequest
{
    /// <summary>Bytes <paramref name="first"/> through <paramref name="last"/>, both inclusive.</summary>
    public static string Bytes(long first, long last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        return string.Create(CultureInfo.InvariantCulture, $"bytes={first}-{last}");
    }

    /// <summary>From <paramref name="first"/> to the end of the object.</summary>
    public static string From(long first)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        return string.Create(CultureInfo.InvariantCulture, $"bytes={first}-");
    }

    /// <summary>The last <paramref name="length"/> bytes (all of a shorter object).</summary>
    public static string Last(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return string.Create(CultureInfo.InvariantCulture, $"bytes=-{length}");
    }
}
