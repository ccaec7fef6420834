namespace BleepStore.Api.Configuration;

/// <summary>
/// Builds the configuration: defaults, then the YAML file, then CLI flags (spec 70). The file is
/// <c>--config PATH</c>, else <c>$BLEEPSTORE_CONFIG</c>, else <c>bleepstore.yaml</c> in the working
/// directory when it exists, else none. Unknown keys are ignored; relative paths are relative to the
/// working directory.
/// </summary>
public static class ConfigLoader
{
    public const string DefaultFileName = "bleepstore.yaml";
    public const string ConfigEnvironmentVariable = "BLEEPSTORE_CONFIG";

    /// <exception cref="ConfigException">Any problem, naming the key or flag.</exception>
    public static BleepStoreConfig Load(CommandLineOptions cli, string workingDirectory, Func<string, string?> environment)
    {
        var path = cli.ConfigPath ?? NullIfEmpty(environment(ConfigEnvironmentVariable));
        var explicitPath = path is not null;
        path = Path.GetFullPath(path ?? DefaultFileName, workingDirectory);

        if (!File.Exists(path) && explicitPath)
        {
            throw new ConfigException(cli.ConfigPath is not null ? "--config" : ConfigEnvironmentVariable, $"file '{path}' not found");
        }

        var config = File.Exists(path) ? Parse(ReadFile(path), workingDirectory, Path.GetFileName(path)) : Parse("", workingDirectory);

        return ApplyFlags(config, cli);
    }

    /// <summary>Parses YAML text over the defaults.</summary>
    /// <param name="source">Names the document in syntax errors (the file name).</param>
    public static BleepStoreConfig Parse(string yaml, string workingDirectory, string source = DefaultFileName)
    {
        var v = YamlValues.Parse(yaml, source);
        foreach (var section in (string[])["server", "auth", "logging", "metadata", "metadata.sqlite", "metadata.postgres", "storage", "storage.local", "storage.memory", "storage.sqlite", "storage.aws", "storage.azure", "storage.gcp", "observability", "lifecycle", "cluster"])
        {
            v.EnsureSection(section);
        }

        var d = new BleepStoreConfig();
        var config = new BleepStoreConfig
        {
            Server = new ServerConfig
            {
                Host = Read(v, "server.host", ConfigValues.Host, d.Server.Host),
                Port = Read(v, "server.port", ConfigValues.Port, d.Server.Port),
                Region = Read(v, "server.region", ConfigValues.NonEmpty, d.Server.Region),
                ShutdownTimeoutSeconds = Read(v, "server.shutdown_timeout", ConfigValues.Seconds, d.Server.ShutdownTimeoutSeconds),
                MaxObjectSize = Read(v, "server.max_object_size", (k, r) => ConfigValues.Bytes(k, r, allowZero: false), d.Server.MaxObjectSize),
                Domains = ConfigValues.Domains("server.domain", v.ScalarOrList("server.domain")),
                AdminToken = Read<string?>(v, "server.admin_token", ConfigValues.NonEmpty, null),
                AdminPort = Read<int?>(v, "server.admin_port", (k, r) => ConfigValues.Port(k, r), null),
            },
            Auth = new AuthConfig
            {
                // auth.access_key_id / auth.secret_access_key: the Rust implementation's aliases.
                AccessKey = Read(v, "auth.access_key", ConfigValues.NonEmpty, Read(v, "auth.access_key_id", ConfigValues.NonEmpty, d.Auth.AccessKey)),
                SecretKey = Read(v, "auth.secret_key", ConfigValues.NonEmpty, Read(v, "auth.secret_access_key", ConfigValues.NonEmpty, d.Auth.SecretKey)),
                Enabled = Read(v, "auth.enabled", ConfigValues.Bool, d.Auth.Enabled),
                Credentials = ExtraCredentials(v),
            },
            Logging = new LoggingConfig
            {
                // logging.* is the documented spelling; server.log_* are the reference's aliases.
                Level = Read(v, "logging.level", ConfigValues.LogLevel, Read(v, "server.log_level", ConfigValues.LogLevel, d.Logging.Level)),
                Format = Read(v, "logging.format", ConfigValues.LogFormat, Read(v, "server.log_format", ConfigValues.LogFormat, d.Logging.Format)),
                Levels = v.ScalarsUnder("logging.levels").ToDictionary(e => e.Key, e => ConfigValues.LogLevel("logging.levels." + e.Key, e.Value), StringComparer.Ordinal),
            },
            Metadata = new MetadataConfig
            {
                Engine = Read(v, "metadata.engine", ConfigValues.MetadataEngine, d.Metadata.Engine),
                SqlitePath = Read(v, "metadata.sqlite.path", (k, r) => ConfigValues.FilePath(k, r, workingDirectory), Path.GetFullPath("./data/metadata.db", workingDirectory)),
                Postgres = new PostgresOptions
                {
                    // Empty is allowed: every key then comes from the PG* environment variables.
                    ConnectionString = Read(v, PostgresOptions.ConnectionStringKey, ConfigValues.PostgresConnectionString, ""),
                    PoolSize = Read<int?>(v, "metadata.postgres.pool_size", static (k, r) => ConfigValues.PositiveCount(k, r), null),
                    StatementTimeoutSeconds = Read<int?>(v, "metadata.postgres.statement_timeout_seconds", static (k, r) => ConfigValues.Seconds(k, r), null),
                },
            },
            Storage = new StorageConfig
            {
                Backend = Read(v, "storage.backend", ConfigValues.StorageBackend, d.Storage.Backend),
                LocalRootDir = Read(v, "storage.local.root_dir", (k, r) => ConfigValues.FilePath(k, r, workingDirectory), Path.GetFullPath("./data/objects", workingDirectory)),
                MemoryMaxSizeBytes = Read(v, "storage.memory.max_size_bytes", (k, r) => ConfigValues.Bytes(k, r, allowZero: true), d.Storage.MemoryMaxSizeBytes),
                Memory = new MemoryStorageConfig
                {
                    Persistence = Read(v, "storage.memory.persistence", ConfigValues.MemoryPersistence, MemoryPersistence.None),
                    SnapshotPath = Read(v, "storage.memory.snapshot_path", (k, r) => ConfigValues.FilePath(k, r, workingDirectory), Path.GetFullPath("./data/memory.snap", workingDirectory)),
                    SnapshotIntervalSeconds = Read(v, "storage.memory.snapshot_interval_seconds", ConfigValues.Seconds, 300),
                },
                SqlitePath = Read<string?>(v, "storage.sqlite.path", (k, r) => ConfigValues.FilePath(k, r, workingDirectory), null),
                Aws = new AwsStorageConfig
                {
                    Bucket = Read<string?>(v, "storage.aws.bucket", ConfigValues.NonEmpty, null),
                    Region = Read<string?>(v, "storage.aws.region", ConfigValues.NonEmpty, null),
                    Prefix = Read(v, "storage.aws.prefix", static (_, r) => r, ""),
                    EndpointUrl = Read<string?>(v, "storage.aws.endpoint_url", ConfigValues.NonEmpty, null),
                    UsePathStyle = Read(v, "storage.aws.use_path_style", ConfigValues.Bool, false),
                    AccessKeyId = Read<string?>(v, "storage.aws.access_key_id", ConfigValues.NonEmpty, null),
                    SecretAccessKey = Read<string?>(v, "storage.aws.secret_access_key", ConfigValues.NonEmpty, null),
                    ChunkEncoding = Read(v, "storage.aws.chunk_encoding", ConfigValues.Bool, true),
                    ResponseChecksumValidation = Read<string?>(v, "storage.aws.response_checksum_validation", ConfigValues.ChecksumValidation, null),
                    ServerSideCopy = Read(v, "storage.aws.server_side_copy", ConfigValues.Bool, true),
                    KeyNames = Read(v, "storage.aws.key_names", ConfigValues.Bool, true),
                },
                Azure = new AzureStorageConfig
                {
                    Container = v.Scalar("storage.azure.container"),
                    Account = v.Scalar("storage.azure.account"),
                    AccountUrl = v.Scalar("storage.azure.account_url"),
                    Prefix = v.Scalar("storage.azure.prefix") ?? "",
                    ConnectionString = v.Scalar("storage.azure.connection_string"),
                    UseManagedIdentity = Read(v, "storage.azure.use_managed_identity", ConfigValues.Bool, false),
                    KeyNames = Read(v, "storage.azure.key_names", ConfigValues.Bool, true),
                },
                Gcp = new GcpStorageConfig
                {
                    Bucket = v.Scalar("storage.gcp.bucket"),
                    Project = v.Scalar("storage.gcp.project"),
                    Prefix = v.Scalar("storage.gcp.prefix") ?? "",
                    CredentialsFile = Read<string?>(v, "storage.gcp.credentials_file", (k, r) => ConfigValues.FilePath(k, r, workingDirectory), null),
                    Endpoint = v.Scalar("storage.gcp.endpoint"),
                    KeyNames = Read(v, "storage.gcp.key_names", ConfigValues.Bool, true),
                },
            },
            Observability = new ObservabilityConfig
            {
                Metrics = Read(v, "observability.metrics", ConfigValues.Bool, d.Observability.Metrics),
                HealthCheck = Read(v, "observability.health_check", ConfigValues.Bool, d.Observability.HealthCheck),
                OtlpEndpoint = Read<Uri?>(v, "observability.otlp_endpoint", ConfigValues.HttpUrl, null),
                OtlpProtocol = Read(v, "observability.otlp_protocol", ConfigValues.OtlpProtocol, d.Observability.OtlpProtocol),
                RuntimeMetrics = Read(v, "observability.runtime_metrics", ConfigValues.Bool, d.Observability.RuntimeMetrics),
            },
            Lifecycle = new LifecycleConfig
            {
                DaySeconds = Read(v, "lifecycle.day_seconds", ConfigValues.PositiveSeconds, d.Lifecycle.DaySeconds),
                ScanIntervalSeconds = Read(v, "lifecycle.scan_interval_seconds", ConfigValues.Seconds, d.Lifecycle.ScanIntervalSeconds),
            },
            Cluster = new ClusterConfig
            {
                NodeId = Read<string?>(v, "cluster.node_id", ConfigValues.NodeId, null),
            },
        };
        if (config.Server.AdminPort is { } adminPort && adminPort == config.Server.Port && adminPort != 0)
        {
            throw new ConfigException("server.admin_port", $"{adminPort} is server.port too; leave admin_port unset to serve the admin API under /admin on the S3 port");
        }

        return config with { Warnings = UnknownKeys(v) };
    }

    /// <summary>Sections of features this build does not have: a key there fails start-up instead of being ignored.</summary>
    private static readonly string[] NotBuilt = ["cluster", "queue"];

    /// <summary>
    /// One warning per key nothing read, naming the nearest known key; a key of a feature that is not built
    /// throws (start-up fails with one line).
    /// </summary>
    private static IReadOnlyList<string> UnknownKeys(YamlValues values)
    {
        var warnings = new List<string>();
        foreach (var key in values.Unread())
        {
            var section = key.Split('.')[0];
            if (NotBuilt.Contains(section, StringComparer.Ordinal))
            {
                throw new ConfigException(key, $"the {section} feature is not built in this BleepStore; remove the {section}: section");
            }

            var nearest = values.Asked.MinBy(known => Distance(key, known));
            warnings.Add(nearest is null ? $"unknown config key '{key}' is ignored" : $"unknown config key '{key}' is ignored (nearest known key: '{nearest}')");
        }

        return warnings;
    }

    /// <summary>Levenshtein distance (keys are short; start-up only).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    public static BleepStoreConfig ApplyFlags(BleepStoreConfig config, CommandLineOptions cli) => config with
    {
        Server = config.Server with
        {
            Host = cli.Host ?? config.Server.Host,
            Port = cli.Port ?? config.Server.Port,
            MaxObjectSize = cli.MaxObjectSize ?? config.Server.MaxObjectSize,
            ShutdownTimeoutSeconds = cli.ShutdownTimeoutSeconds ?? config.Server.ShutdownTimeoutSeconds,
        },
        Logging = config.Logging with
        {
            Level = cli.LogLevel ?? config.Logging.Level,
            Format = cli.LogFormat ?? config.Logging.Format,
        },
    };

    private static IReadOnlyList<ExtraCredential> ExtraCredentials(YamlValues values)
    {
        var entries = values.ListOfMappings("auth.credentials");
        var result = new List<ExtraCredential>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var key = $"auth.credentials[{i}]";
            var accessKey = entries[i].GetValueOrDefault("access_key");
            var secretKey = entries[i].GetValueOrDefault("secret_key");
            if (string.IsNullOrWhiteSpace(accessKey))
            {
                throw new ConfigException(key + ".access_key", "is required");
            }

            if (string.IsNullOrWhiteSpace(secretKey))
            {
                throw new ConfigException(key + ".secret_key", "is required");
            }

            result.Add(new ExtraCredential(accessKey, secretKey, entries[i].GetValueOrDefault("display_name") ?? accessKey));
        }

        return result;
    }

    private static T Read<T>(YamlValues values, string key, Func<string, string, T> parse, T fallback) =>
        values.Scalar(key) is { } raw ? parse(key, raw) : fallback;

    private static string ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, $"cannot be read: {e.Message}");
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
