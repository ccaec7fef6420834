namespace BleepStore.Api.Cli;

/// <summary>Flags of a subcommand: <c>--name value</c>, <c>--name=value</c> or a bare <c>--switch</c>; unknown flags are errors.</summary>
internal sealed class CliArgs
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public static CliArgs Parse(IReadOnlyList<string> args, IReadOnlySet<string> valued, IReadOnlySet<string> switches)
    {
        var result = new CliArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=');
            var name = eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? arg[..eq] : arg;
            if (switches.Contains(name) && eq < 0)
            {
                result._values[name] = null;
            }
            else if (valued.Contains(name))
            {
                var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Count ? args[++i] : throw new CliException($"{name} needs a value");
                result._values[name] = value;
            }
            else
            {
                throw new CliException($"unknown argument '{arg}'");
            }
        }

        return result;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Value(string name) => _values.GetValueOrDefault(name);
}

/// <summary>A usage error: one line on stderr, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
