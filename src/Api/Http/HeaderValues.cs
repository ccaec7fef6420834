namespace BleepStore.Api.Http;

/// <summary>Response header values must not carry control characters (Kestrel refuses them): replace those.</summary>
internal static class HeaderValues
{
    public static string Safe(string value)
    {
        foreach (var c in value)
        {
            if (c < 0x20 && c != '\t' || c == 0x7F)
            {
                return Replace(value);
            }
        }

        return value;
    }

    private static string Replace(string value) =>
        string.Create(value.Length, value, static (span, v) =>
        {
            for (var i = 0; i < v.Length; i++)
            {
                var c = v[i];
                span[i] = c < 0x20 && c != '\t' || c == 0x7F ? ' ' : c;
            }
        });
}
