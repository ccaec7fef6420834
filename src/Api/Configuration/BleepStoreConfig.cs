namespace BleepStore.Api.Configuration;

/// <summary>The whole configuration (spec 70), after defaults, the YAML file and CLI flags.</summary>
public sealed record BleepStoreConfig
{
    public ServerConfig Server { get; init; } = new();

    public AuthConfig Auth { get; init; } = new();

    public LoggingConfig Logging { get; init; } = new();

    public MetadataConfig Metadata { get; init; } = new();

    public StorageConfig Storage { get; init; } = new();

    public ObservabilityConfig Observability { get; init; } = new();

    public LifecycleConfig Lifecycle { get; init; } = new();

    public ClusterConfig Cluster { get; init; } = new();

    /// <summary>One line per key of the file that nothing read (Program prints them to stderr at start).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public sealed record ServerConfig
{
    public string Host { get; init; } = "0.0.0.0";

    public int Port { get; init; } = 9000;

    public string Region { get; init; } = "us-east-1";

    public int ShutdownTimeoutSeconds { get; init; } = 30;

    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Domains for virtual-hosted style (<c>{bucket}.{domain}</c>); empty = path-style only.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary><c>server.admin_token</c>: the admin API's bearer token; null = no admin API.</summary>
    public string? AdminToken { get; init; }

    /// <summary><c>server.admin_port</c>: the admin API's own port (same host); null = under <c>/admin</c> on <see cref="Port"/>.</summary>
    public int? AdminPort { get; init; }
}

public sealed record LoggingConfig
{
    public LogLevelName Level { get; init; } = LogLevelName.Info;

    public LogFormat Format { get; init; } = LogFormat.Text;

    /// <summary><c>logging.levels</c>: source (logger name prefix, e.g. <c>Microsoft.AspNetCore</c>) → level.</summary>
    public IReadOnlyDictionary<string, LogLevelName> Levels { get; init; } = new Dictionary<string, LogLevelName>();
}

/// <summary>The <c>cluster</c> section (docs/cluster.md).</summary>
public sealed record ClusterConfig
{
    /// <summary>
    /// <c>cluster.node_id</c>: names this node's temp directory on shared storage; unset, a node on
    /// <c>metadata.engine: postgres</c> takes <c>{host name}-{server.port}</c>.
    /// </summary>
    public string? NodeId { get; init; }
}

/// <summary>The <c>lifecycle</c> section (docs/lifecycle.md).</summary>
public sealed record LifecycleConfig
{
    /// <summary><c>lifecycle.day_seconds</c>: how long a lifecycle "day" is; 86400 except in tests.</summary>
    public int DaySeconds { get; init; } = 86400;

    /// <summary><c>lifecycle.scan_interval_seconds</c>: how often the worker applies the rules; 0 = never.</summary>
    public int ScanIntervalSeconds { get; init; } = 3600;
}

public sealed record ObservabilityConfig
{
    public bool Metrics { get; init; } = true;

    public bool HealthCheck { get; init; } = true;

    /// <summary>OTLP collector for traces (<c>observability.otlp_endpoint</c>); null: tracing off, no span is made.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary><c>observability.otlp_protocol</c>: <c>http/protobuf</c> (default, port 4318) or <c>grpc</c> (4317).</summary>
    public OtlpProtocolName OtlpProtocol { get; init; } = OtlpProtocolName.HttpProtobuf;

    /// <summary>
    /// <c>observability.runtime_metrics</c>: .NET runtime and process metrics (GC, threads, CPU, memory) on
    /// <c>/metrics</c>. Off by default: ~1.4 MiB of idle RSS, the idle-RSS budget of metrics is already exceeded (docs/performance.md).
    /// </summary>
    public bool RuntimeMetrics { get; init; }
}

public enum OtlpProtocolName
{
    HttpProtobuf,
    Grpc,
}

public enum LogLevelName
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Critical,
}

public enum LogFormat
{
    Text,
    Json,
}

