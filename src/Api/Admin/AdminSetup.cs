using System.Globalization;
using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;
using BleepStore.Application.Admin;
using BleepStore.Infrastructure.Configuration;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace BleepStore.Api.Admin;

/// <summary>Wires the admin API into the server: the host facts the use cases read, the endpoints, the listener.</summary>
internal static class AdminSetup
{
    /// <summary>Connection item set on every connection of the <c>server.admin_port</c> listener.</summary>
    private const string AdminConnection = "bleepstore.admin";

    public static IServiceCollection AddAdmin(this IServiceCollection services, BleepStoreConfig config)
    {
        services.AddSingleton(HostInfo(config, DateTimeOffset.UtcNow));
        if (config.Server.AdminToken is { } token)
        {
            services.AddSingleton(sp => new AdminEndpoints(
                sp.GetRequiredService<MediatR.IMediator>(), token, sp.GetRequiredService<ILogger<AdminEndpoints>>()));
        }

        return services;
    }

    /// <summary>Marks the admin listener's connections, so requests can tell which listener they came through.</summary>
    public static void MarkAdmin(IConnectionBuilder listen) => listen.Use(next => connection =>
    {
        connection.Items[AdminConnection] = true;
        return next(connection);
    });

    /// <summary>
    /// The admin API answers a request that came through the admin listener (all of them), or — without an admin
    /// port — one under <c>/admin</c>. Null: the S3 side answers it.
    /// </summary>
    public static RequestDelegate Dispatch(BleepStoreConfig config, AdminEndpoints? admin, RequestDelegate s3)
    {
        if (admin is null)
        {
            return s3;
        }

        if (config.Server.AdminPort is null)
        {
            return context => AdminEndpoints.IsAdminPath(context.Request.Path) ? admin.InvokeAsync(context) : s3(context);
        }

        return context => context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(AdminConnection) == true
            ? admin.InvokeAsync(context)
            : s3(context);
    }

    public static AdminHostInfo HostInfo(BleepStoreConfig config, DateTimeOffset startedAt)
    {
        var server = config.Server;
        var storage = config.Storage;
        return new AdminHostInfo
        {
            Version = VersionInfo.Version,
            Commit = VersionInfo.Commit,
            StartedAt = startedAt,
            StorageBackend = storage.Backend,
            MetadataEngine = config.Metadata.Engine,
            ListenAddress = $"{server.Host}:{server.Port}",
            AdminListenAddress = server.AdminToken is null || server.AdminPort is null ? null : $"{server.Host}:{server.AdminPort}",
            DataDirectory = storage.Backend switch
            {
                StorageBackends.Local => storage.LocalRootDir,
                StorageBackends.Aws => $"s3://{storage.Aws.Bucket}/{storage.Aws.Prefix}",
                StorageBackends.Gcp => $"gs://{storage.Gcp.Bucket}/{storage.Gcp.Prefix}",
                StorageBackends.Azure => $"azure://{storage.Azure.Container}/{storage.Azure.Prefix}",
                StorageBackends.Sqlite => storage.SqlitePath ?? config.Metadata.SqlitePath,
                _ => "memory",
            },
            MaxObjectSize = server.MaxObjectSize,
            Settings = Settings(config),
        };
    }

    /// <summary>Every key the server reads, with its effective value; secrets are <see cref="AdminHostInfo.Redacted"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Settings(BleepStoreConfig config)
    {
        static string? Secret(string? value) => value is null ? null : AdminHostInfo.Redacted;
        static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
        static string Flag(bool value) => value ? "true" : "false";

        var s = config.Server;
        var a = config.Auth;
        var st = config.Storage;
        var o = config.Observability;
        var settings = new List<KeyValuePair<string, string?>>
        {
            new("server.host", s.Host),
            new("server.port", Text(s.Port)),
            new("server.region", s.Region),
            new("server.shutdown_timeout", Text(s.ShutdownTimeoutSeconds)),
            new("server.max_object_size", Text(s.MaxObjectSize)),
            new("server.domain", s.Domains.Count == 0 ? null : string.Join(",", s.Domains)),
            new("server.admin_token", Secret(s.AdminToken)),
            new("server.admin_port", s.AdminPort is { } port ? Text(port) : null),
            new("auth.enabled", Flag(a.Enabled)),
            new("auth.access_key", a.AccessKey),
            new("auth.secret_key", Secret(a.SecretKey)),
            new("logging.level", config.Logging.Level.ToString().ToLowerInvariant()),
            new("logging.format", config.Logging.Format.ToString().ToLowerInvariant()),
            new("metadata.engine", config.Metadata.Engine),
            new("metadata.sqlite.path", config.Metadata.SqlitePath),
            new("metadata.postgres.connection_string", config.Metadata.Postgres.Redacted(AdminHostInfo.Redacted)),
            new("metadata.postgres.pool_size", config.Metadata.Postgres.PoolSize is { } pool ? Text(pool) : null),
            new("metadata.postgres.statement_timeout_seconds", config.Metadata.Postgres.StatementTimeoutSeconds is { } timeout ? Text(timeout) : null),
            new("storage.backend", st.Backend),
            new("storage.local.root_dir", st.LocalRootDir),
            new("storage.memory.max_size_bytes", Text(st.MemoryMaxSizeBytes)),
            new("storage.memory.persistence", st.Memory.Persistence),
            new("storage.memory.snapshot_path", st.Memory.SnapshotPath),
            new("storage.memory.snapshot_interval_seconds", Text(st.Memory.SnapshotIntervalSeconds)),
            new("storage.sqlite.path", st.SqlitePath),
            new("storage.aws.bucket", st.Aws.Bucket),
            new("storage.aws.region", st.Aws.Region),
            new("storage.aws.prefix", st.Aws.Prefix),
            new("storage.aws.endpoint_url", st.Aws.EndpointUrl),
            new("storage.aws.use_path_style", Flag(st.Aws.UsePathStyle)),
            new("storage.aws.access_key_id", st.Aws.AccessKeyId),
            new("storage.aws.secret_access_key", Secret(st.Aws.SecretAccessKey)),
            new("storage.aws.chunk_encoding", Flag(st.Aws.ChunkEncoding)),
            new("storage.aws.response_checksum_validation", st.Aws.ResponseChecksumValidation),
            new("storage.aws.server_side_copy", Flag(st.Aws.ServerSideCopy)),
            new("storage.aws.key_names", Flag(st.Aws.KeyNames)),
            new("storage.azure.container", st.Azure.Container),
            new("storage.azure.account", st.Azure.Account),
            new("storage.azure.account_url", st.Azure.AccountUrl),
            new("storage.azure.prefix", st.Azure.Prefix),
            new("storage.azure.connection_string", Secret(st.Azure.ConnectionString)),
            new("storage.azure.use_managed_identity", Flag(st.Azure.UseManagedIdentity)),
            new("storage.azure.key_names", Flag(st.Azure.KeyNames)),
            new("storage.gcp.bucket", st.Gcp.Bucket),
            new("storage.gcp.project", st.Gcp.Project),
            new("storage.gcp.prefix", st.Gcp.Prefix),
            new("storage.gcp.credentials_file", st.Gcp.CredentialsFile),
            new("storage.gcp.endpoint", st.Gcp.Endpoint),
            new("storage.gcp.key_names", Flag(st.Gcp.KeyNames)),
            new("observability.metrics", Flag(o.Metrics)),
            new("observability.health_check", Flag(o.HealthCheck)),
            new("observability.otlp_endpoint", o.OtlpEndpoint?.ToString()),
            new("observability.otlp_protocol", o.OtlpProtocol == OtlpProtocolName.Grpc ? "grpc" : "http/protobuf"),
            new("observability.runtime_metrics", Flag(o.RuntimeMetrics)),
        };
        foreach (var (source, level) in config.Logging.Levels)
        {
            settings.Add(new("logging.levels." + source, level.ToString().ToLowerInvariant()));
        }

        for (var i = 0; i < a.Credentials.Count; i++)
        {
            settings.Add(new($"auth.credentials[{i}].access_key", a.Credentials[i].AccessKey));
            settings.Add(new($"auth.credentials[{i}].secret_key", AdminHostInfo.Redacted));
            settings.Add(new($"auth.credentials[{i}].display_name", a.Credentials[i].DisplayName));
        }

        settings.Sort(static (x, y) => string.CompareOrdinal(x.Key, y.Key));
        return settings;
    }
}
