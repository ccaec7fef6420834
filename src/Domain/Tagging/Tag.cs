namespace BleepStore.Domain.Tagging;

/// <summary>One tag of an object's or a bucket's tag set.</summary>
public sealed record Tag(string Key, string Value);
