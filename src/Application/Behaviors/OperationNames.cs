using System.Collections.Concurrent;

namespace BleepStore.Application.Behaviors;

/// <summary>S3 operation names from request types: <c>PutObjectCommand</c> → <c>PutObject</c>.</summary>
internal static class OperationNames
{
    private static readonly ConcurrentDictionary<Type, string> Cache = new();

    public static string Of(Type requestType) => Cache.GetOrAdd(requestType, static t =>
    {
        var name = t.Name;
        foreach (var suffix in (string[])["Command", "Query"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    });
}
