using System.Globalization;

namespace BleepStore.Api.Http;

/// <summary><c>x-amz-tagging-count</c> values: 1–10 are the only counts an object can have, so their text is made once.</summary>
internal static class TaggingCounts
{
    private static readonly string[] Texts = Enumerable.Range(0, 11).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Text(int count) => (uint)count < (uint)Texts.Length ? Texts[count] : count.ToString(CultureInfo.InvariantCulture);
}
