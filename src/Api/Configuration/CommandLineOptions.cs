namespace BleepStore.Api.Configuration;

/// <summary>
/// The CLI flags of spec 70. Each accepts <c>--flag value</c> and <c>--flag=value</c>; the last occurrence
/// wins. Other arguments are left to the ASP.NET Core host (e.g. the settings WebApplicationFactory passes).
/// </summary>
public sealed record CommandLineOptions
{
    public const string Usage =
        "usage: bleepstore [--config PATH] [--host H] [--port N] [--bind H:P] [--log-level debug|info|warn|error] " +
        "[--log-format text|json] [--max-object-size BYTES] [--shutdown-timeout SECONDS] [--version]\n" +
        "       bleepstore meta export|import [--config PATH] [--db PATH] ... (bleepstore meta --help)\n" +
        "       bleepstore fsck [--config PATH] [--repair] [--deep]";

    public string? ConfigPath { get; init; }

    public string? Host { get; init; }

    public int? Port { get; init; }

    public LogLevelName? LogLevel { get; init; }

    public LogFormat? LogFormat { get; init; }

    public long? MaxObjectSize { get; init; }

    public int? ShutdownTimeoutSeconds { get; init; }

    public bool ShowHelp { get; init; }

    public bool ShowVersion { get; init; }

    /// <exception cref="ConfigException">A known flag without a value or with a bad one.</exception>
    public static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CommandLineOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                options = options with { ShowHelp = true };
                continue;
            }

            if (arg is "--version")
            {
                options = options with { ShowVersion = true };
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                continue;
            }

            var eq = arg.IndexOf('=');
            var name = eq < 0 ? arg : arg[..eq];
            if (!IsKnown(name))
            {
                continue;
            }

            string value;
            if (eq >= 0)
            {
                value = arg[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new ConfigException(name, "missing value");
            }

            options = options.Apply(name, value);
        }

        return options;
    }

    private static bool IsKnown(string name) => name is "--config" or "--host" or "--port" or "--bind" or "--log-level"
        or "--log-format" or "--max-object-size" or "--shutdown-timeout";

    private CommandLineOptions Apply(string name, string value)
    {
        switch (name)
        {
            case "--config":
                return this with { ConfigPath = ConfigValues.NonEmpty(name, value) };
            case "--host":
                return this with { Host = ConfigValues.Host(name, value) };
            case "--port":
                return this with { Port = ConfigValues.Port(name, value) };
            case "--bind":
                var (host, port) = ParseBind(name, value);
                return this with { Host = host, Port = port };
            case "--log-level":
                return this with { LogLevel = ConfigValues.LogLevel(name, value) };
            case "--log-format":
                return this with { LogFormat = ConfigValues.LogFormat(name, value) };
            case "--max-object-size":
                return this with { MaxObjectSize = ConfigValues.Bytes(name, value, allowZero: false) };
            default:
                return this with { ShutdownTimeoutSeconds = ConfigValues.Seconds(name, value) };
        }
    }

    /// <summary><c>H:P</c>, with IPv6 as <c>[::1]:9000</c>.</summary>
    private static (string Host, int Port) ParseBind(string name, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1 || (value.Contains(':') && value.IndexOf(':') != colon && !value.StartsWith('[')))
        {
            throw new ConfigException(name, $"'{value}' is not HOST:PORT");
        }

        var host = value[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return (ConfigValues.Host(name, host), ConfigValues.Port(name, value[(colon + 1)..]));
    }
}
