namespace BleepStore.Api.Configuration;

/// <summary>The parts of a YAML document the config reader looks at: mappings, sequences and scalars.</summary>
internal abstract class YamlNodeValue;

/// <param name="Quoted">Written in single or double quotes (so <c>''</c> and <c>'null'</c> are strings, not null).</param>
internal sealed class YamlScalarValue(string? value, bool quoted) : YamlNodeValue
{
    public string? Value { get; } = value;

    public bool Quoted { get; } = quoted;

    /// <summary>An empty or <c>~</c>/<c>null</c> plain scalar: YAML's null.</summary>
    public bool IsNull => !Quoted && (Value is null || Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");
}

internal sealed class YamlSequenceValue(IReadOnlyList<YamlNodeValue> items) : YamlNodeValue
{
    public IReadOnlyList<YamlNodeValue> Items { get; } = items;
}

/// <summary>Keys in document order, as the text the key was written with.</summary>
internal sealed class YamlMappingValue(IReadOnlyList<KeyValuePair<string, YamlNodeValue>> entries) : YamlNodeValue
{
    public IReadOnlyList<KeyValuePair<string, YamlNodeValue>> Entries { get; } = entries;
}
