using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BleepStore.Api.Configuration;

/// <summary>A YAML document flattened to dotted keys (<c>server.port</c>) → leaf node; unknown keys are simply never read.</summary>
internal sealed class YamlValues
{
    private readonly Dictionary<string, YamlNode> _leaves = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sections = new(StringComparer.Ordinal);

    private YamlValues()
    {
    }

    public static YamlValues Empty { get; } = new();

    /// <exception cref="ConfigException">Syntax errors (with line and column) or a non-mapping root.</exception>
    public static YamlValues Parse(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException(source, $"line {e.Start.Line}, column {e.Start.Column}: {FirstLine(e.InnerException?.Message ?? e.Message)}");
        }

        var values = new YamlValues();
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return values;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException(source, "expected a mapping of sections (server:, auth:, …) at the top level");
        }

        values.Flatten(root, "");
        return values;
    }

    /// <summary>The scalar at <paramref name="key"/>, or null when absent or YAML null.</summary>
    public string? Scalar(string key)
    {
        EnsureNotSection(key, "expected a single value, not a mapping");
        if (!_leaves.TryGetValue(key, out var node) || IsNull(node))
        {
            return null;
        }

        return node is YamlScalarNode scalar ? scalar.Value : throw new ConfigException(key, "expected a single value, not a list or mapping");
    }

    /// <summary>Rejects a scalar or list where a section (mapping) is expected, e.g. <c>server: 5</c>.</summary>
    public void EnsureSection(string key)
    {
        if (_leaves.TryGetValue(key, out var node) && !IsNull(node))
        {
            throw new ConfigException(key, "expected a mapping of settings");
        }
    }

    /// <summary>A scalar or a list of scalars at <paramref name="key"/>; empty when absent.</summary>
    public IReadOnlyList<string> ScalarOrList(string key)
    {
        EnsureNotSection(key, "expected a string or a list of strings");
        if (!_leaves.TryGetValue(key, out var node) || IsNull(node))
        {
            return [];
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return [scalar.Value!];
            case YamlSequenceNode sequence:
                var list = new List<string>(sequence.Children.Count);
                foreach (var child in sequence.Children)
                {
                    list.Add(child is YamlScalarNode { Value: { } v } ? v : throw new ConfigException(key, "expected a string or a list of strings"));
                }

                return list;
            default:
                throw new ConfigException(key, "expected a string or a list of strings");
        }
    }

    /// <summary>
    /// A list of flat mappings at <paramref name="key"/> (e.g. <c>auth.credentials</c>), each as field → scalar;
    /// empty when absent.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> ListOfMappings(string key)
    {
        EnsureNotSection(key, "expected a list of mappings");
        if (!_leaves.TryGetValue(key, out var node) || IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw new ConfigException(key, "expected a list of mappings");
        }

        var result = new List<IReadOnlyDictionary<string, string>>(sequence.Children.Count);
        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is not YamlMappingNode item)
            {
                throw new ConfigException($"{key}[{i}]", "expected a mapping");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in item.Children)
            {
                var name = k is YamlScalarNode { Value: { } n } ? n : k.ToString();
                fields[name] = v is YamlScalarNode { Value: { } value } ? value : throw new ConfigException($"{key}[{i}].{name}", "expected a single value");
            }

            result.Add(fields);
        }

        return result;
    }

    private void EnsureNotSection(string key, string problem)
    {
        if (_sections.Contains(key))
        {
            throw new ConfigException(key, problem);
        }
    }

    private void Flatten(YamlMappingNode mapping, string prefix)
    {
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = keyNode is YamlScalarNode { Value: { } k } ? k : keyNode.ToString();
            var key = prefix.Length == 0 ? name : prefix + "." + name;
            if (valueNode is YamlMappingNode child)
            {
                _sections.Add(key);
                Flatten(child, key);
            }
            else
            {
                _leaves[key] = valueNode;
            }
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: not (ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) } s
        && (s.Value is null || s.Value.Length == 0 || s.Value is "~" or "null" or "Null" or "NULL");

    private static string FirstLine(string message)
    {
        var nl = message.IndexOfAny(['\r', '\n']);
        return nl < 0 ? message : message[..nl];
    }
}
