namespace BleepStore.Application.Abstractions;

/// <summary>
/// A condition the metadata store checks atomically with the write (conditional PUT / Complete):
/// <c>If-None-Match: *</c> (the key must not exist) and/or <c>If-Match</c> (the current ETag must match).
/// </summary>
public readonly record struct WriteCondition(bool IfNoneMatchAny, string? IfMatch)
{
    public static readonly WriteCondition None = default;

    public bool IsNone => !IfNoneMatchAny && IfMatch is null;
}
