using System.Globalization;

namespace BleepStore.Api.Configuration;

/// <summary>Parses one raw setting (from YAML or a CLI flag); every failure names the key and the value.</summary>
internal static class ConfigValues
{
    public static int Port(string key, string raw) =>
        int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw Invalid(key, raw, "is not a port number (0-65535)");

    public static int Seconds(string key, string raw) =>
        int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw Invalid(key, raw, "is not a whole number of seconds");

    public static int PositiveSeconds(string key, string raw) =>
        int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? seconds
            : throw Invalid(key, raw, "is not a whole number of seconds above 0");

    public static int PositiveCount(string key, string raw) =>
        int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw Invalid(key, raw, "is not a whole number above 0");

    /// <summary>Checked for syntax only (no environment, no connection): an unknown keyword or a bad value names the key.</summary>
    public static string PostgresConnectionString(string key, string raw)
    {
        _ = new PostgresOptions { ConnectionString = raw.Trim() }.ToConnectionString(static _ => null);
        return raw.Trim();
    }

    public static long Bytes(string key, string raw, bool allowZero) =>
        long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && (allowZero || bytes > 0)
            ? bytes
            : throw Invalid(key, raw, allowZero ? "is not a size in bytes" : "is not a positive size in bytes");

    public static bool Bool(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw Invalid(key, raw, "is not a boolean (true or false)"),
    };

    public static Uri HttpUrl(string key, string raw) =>
        Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw Invalid(key, raw, "is not an http:// or https:// URL");

    public static OtlpProtocolName OtlpProtocol(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "http/protobuf" or "http" => OtlpProtocolName.HttpProtobuf,
        "grpc" => OtlpProtocolName.Grpc,
        _ => throw Invalid(key, raw, "is not an OTLP protocol (http/protobuf or grpc)"),
    };

    /// <summary>The AWS SDKs' <c>response_checksum_validation</c> values.</summary>
    public static string ChecksumValidation(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "when_supported" => "when_supported",
        "when_required" => "when_required",
        _ => throw Invalid(key, raw, "is not when_supported or when_required"),
    };

    public static string NonEmpty(string key, string raw) =>
        raw.Trim().Length > 0 ? raw.Trim() : throw new ConfigException(key, "must not be empty");

    public static string NodeId(string key, string raw) =>
        NodeIds.IsValid(raw.Trim()) ? raw.Trim() : throw Invalid(key, raw, "is not a node id (1-64 letters, digits, '.', '_' or '-', not starting with '.')");

    public static string Host(string key, string raw)
    {
        var host = NonEmpty(key, raw);
        return host.Any(char.IsWhiteSpace) || host.Contains('/') ? throw Invalid(key, raw, "is not a host name or IP address") : host;
    }

    public static LogLevelName LogLevel(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "trace" => LogLevelName.Trace,
        "debug" => LogLevelName.Debug,
        "info" or "information" => LogLevelName.Info,
        "warn" or "warning" => LogLevelName.Warn,
        "error" => LogLevelName.Error,
        "critical" or "fatal" => LogLevelName.Critical,
        _ => throw Invalid(key, raw, "is not a log level (debug, info, warn, error)"),
    };

    public static LogFormat LogFormat(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        "text" => Configuration.LogFormat.Text,
        "json" => Configuration.LogFormat.Json,
        _ => throw Invalid(key, raw, "is not a log format (text, json)"),
    };

    public static string MetadataEngine(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        MetadataEngines.Sqlite => MetadataEngines.Sqlite,
        MetadataEngines.Memory => MetadataEngines.Memory,
        MetadataEngines.Postgres => MetadataEngines.Postgres,
        _ => throw Invalid(key, raw, "is not a supported metadata engine (sqlite, postgres, memory)"),
    };

    public static string StorageBackend(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        StorageBackends.Local => StorageBackends.Local,
        StorageBackends.Memory => StorageBackends.Memory,
        StorageBackends.Sqlite => StorageBackends.Sqlite,
        StorageBackends.Aws => StorageBackends.Aws,
        StorageBackends.Azure => StorageBackends.Azure,
        StorageBackends.Gcp => StorageBackends.Gcp,
        _ => throw Invalid(key, raw, "is not a supported storage backend (local, memory, sqlite, aws, azure, gcp)"),
    };

    public static string MemoryPersistence(string key, string raw) => raw.Trim().ToLowerInvariant() switch
    {
        Infrastructure.Configuration.MemoryPersistence.None => Infrastructure.Configuration.MemoryPersistence.None,
        Infrastructure.Configuration.MemoryPersistence.Snapshot => Infrastructure.Configuration.MemoryPersistence.Snapshot,
        _ => throw Invalid(key, raw, "is not a memory persistence mode (none, snapshot)"),
    };

    /// <summary>Relative paths are relative to the working directory (spec 70), resolved once here.</summary>
    public static string FilePath(string key, string raw, string workingDirectory)
    {
        var path = NonEmpty(key, raw);
        if (path.Contains('\0'))
        {
            throw Invalid(key, raw, "is not a valid path");
        }

        return Path.GetFullPath(path, workingDirectory);
    }

    /// <summary>Virtual-host domains: lower-case, no port, no leading dot.</summary>
    public static IReadOnlyList<string> Domains(string key, IReadOnlyList<string> raw)
    {
        var domains = new List<string>(raw.Count);
        foreach (var item in raw)
        {
            var d = item.Trim().TrimStart('.').ToLowerInvariant();
            if (d.Length == 0 || d.Contains(':') || d.Contains('/') || d.Any(char.IsWhiteSpace))
            {
                throw Invalid(key, item, "is not a domain name (e.g. s3.example.com)");
            }

            domains.Add(d);
        }

        return domains;
    }

    private static ConfigException Invalid(string key, string raw, string problem) => new(key, $"'{raw}' {problem}");
}
