using System.Collections.Frozen;
using System.Reflection;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Behaviors;

/// <summary>Looks up a catalogue entry by its code name.</summary>
internal static class S3ErrorCatalog
{
    private static readonly FrozenDictionary<string, S3ErrorCode> ByCode = typeof(S3Errors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (S3ErrorCode)f.GetValue(null)!)
        .ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    public static S3ErrorCode? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var e) ? e : null;
}
