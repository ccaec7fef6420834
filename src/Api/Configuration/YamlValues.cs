using System.Runtime.CompilerServices;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BleepStore.Api.Configuration;

/// <summary>A YAML document flattened to dotted keys (<c>server.port</c>) → leaf node; unknown keys are simply never read.</summary>
internal sealed class YamlValues
{
    private readonly Dictionary<string, YamlNodeValue> _leaves = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sections = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);

    private YamlValues()
    {
    }

    public static YamlValues Empty { get; } = new();

    /// <summary>
    /// The common plain file is read by <see cref="SimpleYaml"/>; anything else by YamlDotNet, which is then
    /// loaded for the first time (it costs start-up time and resident memory, so the server avoids it when it can).
    /// </summary>
    /// <exception cref="ConfigException">Syntax errors (with line and column) or a non-mapping root.</exception>
    public static YamlValues Parse(string text, string source)
    {
        var root = SimpleYaml.TryParse(text, out var simple) ? simple : FullYaml.Parse(text, source);
        var values = new YamlValues();
        if (root is not null)
        {
            values.Flatten(root, "");
        }

        return values;
    }

    /// <summary>YamlDotNet's reading of <paramref name="text"/>, or null for an empty document.</summary>
    internal static YamlMappingValue? ParseWithYamlDotNet(string text, string source) => FullYaml.Parse(text, source);

    /// <summary>The scalar at <paramref name="key"/>, or null when absent or YAML null.</summary>
    public string? Scalar(string key)
    {
        _asked.Add(key);
        EnsureNotSection(key, "expected a single value, not a mapping");
        if (!_leaves.TryGetValue(key, out var node) || IsNull(node))
        {
            return null;
        }

        return node is YamlScalarValue scalar ? scalar.Value : throw new ConfigException(key, "expected a single value, not a list or mapping");
    }

    /// <summary>The scalars of the mapping at <paramref name="key"/> (e.g. <c>logging.levels</c>), by their names below it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ScalarsUnder(string key)
    {
        var prefix = key + ".";
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (leaf, node) in _leaves)
        {
            if (leaf.StartsWith(prefix, StringComparison.Ordinal) && node is YamlScalarValue { Value: { } value })
            {
                _asked.Add(leaf);
                result.Add(KeyValuePair.Create(leaf[prefix.Length..], value));
            }
        }

        return result;
    }

    /// <summary>The keys the loader asked for (present or not): what this build knows.</summary>
    public IReadOnlyCollection<string> Asked => _asked;

    /// <summary>Keys in the document that nothing read: typos, or settings of features this build does not have.</summary>
    public IEnumerable<string> Unread() => _leaves.Keys.Where(k => !_asked.Contains(k)).Order(StringComparer.Ordinal);

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
        _asked.Add(key);
        EnsureNotSection(key, "expected a string or a list of strings");
        if (!_leaves.TryGetValue(key, out var node) || IsNull(node))
        {
            return [];
        }

        switch (node)
        {
            case YamlScalarValue scalar:
                return [scalar.Value!];
            case YamlSequenceValue sequence:
                var list = new List<string>(sequence.Items.Count);
                foreach (var child in sequence.Items)
                {
                    list.Add(child is YamlScalarValue { Value: { } v } ? v : throw new ConfigException(key, "expected a string or a list of strings"));
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
        _asked.Add(key);
        EnsureNotSection(key, "expected a list of mappings");
        if (!_leaves.TryGetValue(key, out var node) || IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceValue sequence)
        {
            throw new ConfigException(key, "expected a list of mappings");
        }

        var result = new List<IReadOnlyDictionary<string, string>>(sequence.Items.Count);
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is not YamlMappingValue item)
            {
                throw new ConfigException($"{key}[{i}]", "expected a mapping");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, v) in item.Entries)
            {
                fields[name] = v is YamlScalarValue { Value: { } value } ? value : throw new ConfigException($"{key}[{i}].{name}", "expected a single value");
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

    private void Flatten(YamlMappingValue mapping, string prefix)
    {
        foreach (var (name, valueNode) in mapping.Entries)
        {
            var key = prefix.Length == 0 ? name : prefix + "." + name;
            if (valueNode is YamlMappingValue child)
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

    private static bool IsNull(YamlNodeValue node) => node is YamlScalarValue { IsNull: true };

    /// <summary>YamlDotNet, only when <see cref="SimpleYaml"/> declines the text: kept out of line so the assembly loads only then.</summary>
    private static class FullYaml
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static YamlMappingValue? Parse(string text, string source)
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

            if (stream.Documents.Count == 0 || Convert(stream.Documents[0].RootNode) is YamlScalarValue { IsNull: true })
            {
                return null;
            }

            return Convert(stream.Documents[0].RootNode) as YamlMappingValue
                ?? throw new ConfigException(source, "expected a mapping of sections (server:, auth:, …) at the top level");
        }

        private static YamlNodeValue Convert(YamlNode node) => node switch
        {
            YamlScalarNode s => new YamlScalarValue(s.Value, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted),
            YamlSequenceNode q => new YamlSequenceValue(q.Children.Select(Convert).ToList()),
            YamlMappingNode m => new YamlMappingValue(m.Children.Select(c => KeyValuePair.Create(c.Key is YamlScalarNode { Value: { } k } ? k : c.Key.ToString(), Convert(c.Value))).ToList()),
            _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
        };

        private static string FirstLine(string message)
        {
            var nl = message.IndexOfAny(['\r', '\n']);
            return nl < 0 ? message : message[..nl];
        }
    }
}
