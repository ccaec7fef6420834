using BleepStore.Api.Configuration;
using BleepStore.Api.Tests.Support;
using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Api.Tests.Configuration;

public sealed class ConfigLoaderTests
{
    private const string Wd = "/srv/bleep";

    [Fact]
    public void Parse_EmptyDocument_GivesEveryDefault()
    {
        var c = ConfigLoader.Parse("", Wd);

        Assert.Equal("0.0.0.0", c.Server.Host);
        Assert.Equal(9000, c.Server.Port);
        Assert.Equal("us-east-1", c.Server.Region);
        Assert.Equal(30, c.Server.ShutdownTimeoutSeconds);
        Assert.Equal(5368709120L, c.Server.MaxObjectSize);
        Assert.Empty(c.Server.Domains);
        Assert.Equal("bleepstore", c.Auth.AccessKey);
        Assert.Equal("bleepstore-secret", c.Auth.SecretKey);
        Assert.True(c.Auth.Enabled);
        Assert.Equal(LogLevelName.Info, c.Logging.Level);
        Assert.Equal(LogFormat.Text, c.Logging.Format);
        Assert.Equal("sqlite", c.Metadata.Engine);
        Assert.Equal("/srv/bleep/data/metadata.db", c.Metadata.SqlitePath);
        Assert.Equal("local", c.Storage.Backend);
        Assert.Equal("/srv/bleep/data/objects", c.Storage.LocalRootDir);
        Assert.Equal(0, c.Storage.MemoryMaxSizeBytes);
        Assert.Equal(new MemoryStorageConfig { Persistence = "none", SnapshotPath = "/srv/bleep/data/memory.snap", SnapshotIntervalSeconds = 300 }, c.Storage.Memory);
        Assert.Null(c.Storage.SqlitePath);
        Assert.True(c.Observability.Metrics);
        Assert.True(c.Observability.HealthCheck);
    }

    [Fact]
    public void Parse_MemorySnapshotKeys_AreRead()
    {
        var c = ConfigLoader.Parse("storage:\n  backend: memory\n  memory:\n    persistence: SNAPSHOT\n    snapshot_path: snaps/m.snap\n    snapshot_interval_seconds: 0\n", Wd);

        Assert.Equal(new MemoryStorageConfig { Persistence = "snapshot", SnapshotPath = "/srv/bleep/snaps/m.snap", SnapshotIntervalSeconds = 0 }, c.Storage.Memory);
    }

    [Fact]
    public void Parse_LifecycleKeys_ReadIntoOptions_ZeroIntervalTurnsTheWorkerOff()
    {
        var defaults = BleepStore.Api.Hosting.CompositionRoot.OptionsFrom(ConfigLoader.Parse("", Wd));
        Assert.Equal((TimeSpan.FromDays(1), (TimeSpan?)TimeSpan.FromHours(1)), (defaults.Lifecycle.DayLength, defaults.LifecycleInterval));

        var c = ConfigLoader.Parse("lifecycle:\n  day_seconds: 1\n  scan_interval_seconds: 2\n", Wd);
        var options = BleepStore.Api.Hosting.CompositionRoot.OptionsFrom(c);
        Assert.Equal((TimeSpan.FromSeconds(1), (TimeSpan?)TimeSpan.FromSeconds(2)), (options.Lifecycle.DayLength, options.LifecycleInterval));
        Assert.Empty(c.Warnings);

        Assert.Null(BleepStore.Api.Hosting.CompositionRoot.OptionsFrom(ConfigLoader.Parse("lifecycle:\n  scan_interval_seconds: 0\n", Wd)).LifecycleInterval);
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("lifecycle:\n  day_seconds: 0\n", Wd));
        Assert.Contains("lifecycle.day_seconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ClusterNodeId_ReadIntoOptions_InvalidIdNamesTheKey()
    {
        // A node alone (sqlite) has no node id unless one is set: its temp files stay in {root}/.tmp.
        Assert.Null(BleepStore.Api.Hosting.CompositionRoot.OptionsFrom(ConfigLoader.Parse("", Wd)).NodeId);

        var c = ConfigLoader.Parse("cluster:\n  node_id: node-a.1\n", Wd);
        Assert.Equal("node-a.1", BleepStore.Api.Hosting.CompositionRoot.OptionsFrom(c).NodeId);
        Assert.Empty(c.Warnings);

        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("cluster:\n  node_id: ../x\n", Wd));
        Assert.Contains("cluster.node_id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryKey_IsRead()
    {
        const string yaml = """
            server:
              host: 127.0.0.1
              port: 9100
              region: eu-west-1
              shutdown_timeout: 5
              max_object_size: 1048576
              domain: s3.example.com
            auth:
              access_key: AKX
              secret_key: SKX
              enabled: false
            logging:
              level: DEBUG
              format: json
            metadata:
              engine: sqlite
              sqlite:
                path: meta/m.db
            storage:
              backend: memory
              local:
                root_dir: /abs/objects
              memory:
                max_size_bytes: 1000
              sqlite:
                path: blobs.db
            observability:
              metrics: false
              health_check: no
            """;

        var c = ConfigLoader.Parse(yaml, Wd);

        Assert.Equal("127.0.0.1", c.Server.Host);
        Assert.Equal(9100, c.Server.Port);
        Assert.Equal("eu-west-1", c.Server.Region);
        Assert.Equal(5, c.Server.ShutdownTimeoutSeconds);
        Assert.Equal(1048576, c.Server.MaxObjectSize);
        Assert.Equal(["s3.example.com"], c.Server.Domains);
        Assert.Equal("AKX", c.Auth.AccessKey);
        Assert.Equal("SKX", c.Auth.SecretKey);
        Assert.False(c.Auth.Enabled);
        Assert.Equal(LogLevelName.Debug, c.Logging.Level);
        Assert.Equal(LogFormat.Json, c.Logging.Format);
        Assert.Equal("/srv/bleep/meta/m.db", c.Metadata.SqlitePath);
        Assert.Equal("memory", c.Storage.Backend);
        Assert.Equal("/abs/objects", c.Storage.LocalRootDir);
        Assert.Equal(1000, c.Storage.MemoryMaxSizeBytes);
        Assert.Equal("/srv/bleep/blobs.db", c.Storage.SqlitePath);
        Assert.False(c.Observability.Metrics);
        Assert.False(c.Observability.HealthCheck);
    }

    [Fact]
    public void Parse_AzureKeys_AreRead()
    {
        const string yaml = """
            storage:
              backend: Azure
              azure:
                container: bleep
                account: acct
                account_url: https://acct.example.net
                prefix: gw/
                connection_string: "UseDevelopmentStorage=true"
                use_managed_identity: true
            """;

        var c = ConfigLoader.Parse(yaml, Wd);

        Assert.Equal("azure", c.Storage.Backend);
        Assert.Equal(
            new AzureStorageConfig { Container = "bleep", Account = "acct", AccountUrl = "https://acct.example.net", Prefix = "gw/", ConnectionString = "UseDevelopmentStorage=true", UseManagedIdentity = true },
            c.Storage.Azure);
    }

    [Fact]
    public void Parse_GcpKeys_AreRead()
    {
        var c = ConfigLoader.Parse("storage:\n  backend: gcp\n  gcp:\n    bucket: bkt\n    project: proj\n    prefix: gw/\n    credentials_file: key.json\n    endpoint: http://127.0.0.1:1/\n", Wd);

        Assert.Equal("gcp", c.Storage.Backend);
        Assert.Equal(new GcpStorageConfig { Bucket = "bkt", Project = "proj", Prefix = "gw/", CredentialsFile = "/srv/bleep/key.json", Endpoint = "http://127.0.0.1:1/" }, c.Storage.Gcp);
    }

    [Fact]
    public void Parse_DomainList_IsLowerCasedWithoutLeadingDot()
    {
        var c = ConfigLoader.Parse("server:\n  domain: [S3.Example.com, .localhost]\n", Wd);

        Assert.Equal(["s3.example.com", "localhost"], c.Server.Domains);
    }

    [Fact]
    public void Parse_ServerLogAliases_AreUsed_AndLoggingSectionWins()
    {
        var alias = ConfigLoader.Parse("server:\n  log_level: warn\n  log_format: json\n", Wd);
        Assert.Equal(LogLevelName.Warn, alias.Logging.Level);
        Assert.Equal(LogFormat.Json, alias.Logging.Format);

        var both = ConfigLoader.Parse("server:\n  log_level: warn\nlogging:\n  level: error\n", Wd);
        Assert.Equal(LogLevelName.Error, both.Logging.Level);
    }

    [Fact]
    public void Parse_UnknownKeys_OneWarningEach_NamingTheNearestKnownKey()
    {
        var c = ConfigLoader.Parse("server:\n  port: 1234\n  prot: 5\nlogging:\n  levle: debug\nfoo: bar\n", Wd);

        Assert.Equal(1234, c.Server.Port);
        Assert.Equal(3, c.Warnings.Count);
        Assert.Contains("unknown config key 'server.prot' is ignored (nearest known key: 'server.port')", c.Warnings);
        Assert.Contains("unknown config key 'logging.levle' is ignored (nearest known key: 'logging.level')", c.Warnings);
        Assert.Contains(c.Warnings, w => w.StartsWith("unknown config key 'foo' is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_KnownKeysOnly_NoWarnings()
    {
        var c = ConfigLoader.Parse("server:\n  port: 1234\nlogging:\n  levels:\n    Microsoft.AspNetCore: debug\nobservability:\n  metrics: false\n", Wd);

        Assert.Empty(c.Warnings);
        Assert.Equal(LogLevelName.Debug, c.Logging.Levels["Microsoft.AspNetCore"]);
    }

    [Theory]
    [InlineData("cluster:\n  enabled: true\n", "cluster.enabled", "cluster")]
    [InlineData("queue:\n  backend: redis\n", "queue.backend", "queue")]
    public void Parse_KeyOfAFeatureNotBuilt_Fails(string yaml, string key, string feature)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, Wd));

        Assert.Contains(key, e.Message, StringComparison.Ordinal);
        Assert.Contains($"the {feature} feature is not built", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RustAliases_AccessKeyIdAndSecretAccessKey()
    {
        var c = ConfigLoader.Parse("auth:\n  access_key_id: rust-key\n  secret_access_key: rust-secret\n", Wd);

        Assert.Equal("rust-key", c.Auth.AccessKey);
        Assert.Equal("rust-secret", c.Auth.SecretKey);
        Assert.Empty(c.Warnings);
    }

    [Fact]
    public void Parse_NullValues_MeanDefault()
    {
        var c = ConfigLoader.Parse("server:\n  port:\n  region: ~\nauth:\n", Wd);

        Assert.Equal(9000, c.Server.Port);
        Assert.Equal("us-east-1", c.Server.Region);
    }

    [Theory]
    [InlineData("server:\n  port: abc\n", "server.port: 'abc' is not a port number")]
    [InlineData("storage:\n  memory:\n    persistence: disk\n", "storage.memory.persistence: 'disk' is not a memory persistence mode (none, snapshot)")]
    [InlineData("storage:\n  memory:\n    snapshot_interval_seconds: often\n", "storage.memory.snapshot_interval_seconds: 'often'")]
    [InlineData("server:\n  port: 70000\n", "server.port: '70000'")]
    [InlineData("server:\n  port: -1\n", "server.port: '-1'")]
    [InlineData("server:\n  host: ''\n", "server.host: must not be empty")]
    [InlineData("server:\n  host: 'a b'\n", "server.host: 'a b'")]
    [InlineData("server:\n  region: ''\n", "server.region: must not be empty")]
    [InlineData("server:\n  shutdown_timeout: soon\n", "server.shutdown_timeout: 'soon'")]
    [InlineData("server:\n  max_object_size: 5GB\n", "server.max_object_size: '5GB'")]
    [InlineData("server:\n  max_object_size: 0\n", "server.max_object_size: '0'")]
    [InlineData("server:\n  domain: 'a:9000'\n", "server.domain: 'a:9000'")]
    [InlineData("server:\n  domain: {x: 1}\n", "server.domain: expected a string or a list")]
    [InlineData("auth:\n  access_key: ''\n", "auth.access_key: must not be empty")]
    [InlineData("auth:\n  secret_key: ''\n", "auth.secret_key: must not be empty")]
    [InlineData("auth:\n  enabled: maybe\n", "auth.enabled: 'maybe' is not a boolean")]
    [InlineData("logging:\n  level: loud\n", "logging.level: 'loud' is not a log level")]
    [InlineData("logging:\n  format: xml\n", "logging.format: 'xml' is not a log format")]
    [InlineData("server:\n  log_level: loud\n", "server.log_level: 'loud'")]
    [InlineData("server:\n  log_format: xml\n", "server.log_format: 'xml'")]
    [InlineData("metadata:\n  engine: dynamodb\n", "metadata.engine: 'dynamodb' is not a supported metadata engine")]
    [InlineData("metadata:\n  sqlite:\n    path: ''\n", "metadata.sqlite.path: must not be empty")]
    [InlineData("storage:\n  backend: dropbox\n", "storage.backend: 'dropbox' is not a supported storage backend")]
    [InlineData("storage:\n  azure:\n    use_managed_identity: perhaps\n", "storage.azure.use_managed_identity: 'perhaps'")]
    [InlineData("storage:\n  local:\n    root_dir: ''\n", "storage.local.root_dir: must not be empty")]
    [InlineData("storage:\n  memory:\n    max_size_bytes: lots\n", "storage.memory.max_size_bytes: 'lots'")]
    [InlineData("observability:\n  metrics: sometimes\n", "observability.metrics: 'sometimes'")]
    [InlineData("observability:\n  health_check: 2\n", "observability.health_check: '2'")]
    [InlineData("server: 5\n", "server: expected a mapping")]
    [InlineData("server:\n  port: [1, 2]\n", "server.port: expected a single value")]
    [InlineData("- a\n- b\n", "bleepstore.yaml: expected a mapping of sections")]
    [InlineData("server:\n  port: 1\n   host: x\n", "bleepstore.yaml: line ")]
    public void Parse_BadValue_NamesTheKey(string yaml, string expectedStart)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, Wd));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Load_NoFileAnywhere_GivesDefaults()
    {
        using var dir = new TempDir();

        var c = ConfigLoader.Load(new CommandLineOptions(), dir.Path, _ => null);

        Assert.Equal(9000, c.Server.Port);
        Assert.Equal(Path.Combine(dir.Path, "data/metadata.db"), c.Metadata.SqlitePath);
    }

    [Fact]
    public void Load_DefaultFileInWorkingDirectory_IsUsed()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), "server:\n  port: 9500\n");

        var c = ConfigLoader.Load(new CommandLineOptions(), dir.Path, _ => null);

        Assert.Equal(9500, c.Server.Port);
    }

    [Fact]
    public void Load_EnvironmentVariable_BeatsDefaultFile_AndFlagBeatsBoth()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), "server:\n  port: 9500\n");
        File.WriteAllText(Path.Combine(dir.Path, "env.yaml"), "server:\n  port: 9600\n");
        File.WriteAllText(Path.Combine(dir.Path, "flag.yaml"), "server:\n  port: 9700\n");
        string? Env(string name) => name == "BLEEPSTORE_CONFIG" ? "env.yaml" : null;

        Assert.Equal(9600, ConfigLoader.Load(new CommandLineOptions(), dir.Path, Env).Server.Port);
        Assert.Equal(9700, ConfigLoader.Load(new CommandLineOptions { ConfigPath = "flag.yaml" }, dir.Path, Env).Server.Port);
    }

    [Fact]
    public void Load_FlagsBeatTheFile()
    {
        using var dir = new TempDir();
        var file = Path.Combine(dir.Path, "c.yaml");
        File.WriteAllText(file, """
            server:
              host: 10.0.0.1
              port: 9500
              max_object_size: 100
              shutdown_timeout: 60
            logging:
              level: error
              format: text
            """);
        var cli = CommandLineOptions.Parse(["--config", file, "--bind", "127.0.0.1:9999", "--log-level", "debug", "--log-format=json", "--max-object-size", "200", "--shutdown-timeout", "3"]);

        var c = ConfigLoader.Load(cli, dir.Path, _ => null);

        Assert.Equal("127.0.0.1", c.Server.Host);
        Assert.Equal(9999, c.Server.Port);
        Assert.Equal(200, c.Server.MaxObjectSize);
        Assert.Equal(3, c.Server.ShutdownTimeoutSeconds);
        Assert.Equal(LogLevelName.Debug, c.Logging.Level);
        Assert.Equal(LogFormat.Json, c.Logging.Format);
    }

    [Fact]
    public void Load_MissingExplicitFile_IsAnError()
    {
        using var dir = new TempDir();

        var flag = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new CommandLineOptions { ConfigPath = "nope.yaml" }, dir.Path, _ => null));
        var env = Assert.Throws<ConfigException>(() => ConfigLoader.Load(new CommandLineOptions(), dir.Path, _ => "nope.yaml"));

        Assert.StartsWith("--config: file ", flag.Message, StringComparison.Ordinal);
        Assert.StartsWith("BLEEPSTORE_CONFIG: file ", env.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativePaths_AreRelativeToTheWorkingDirectory_NotTheFile()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "etc"));
        File.WriteAllText(Path.Combine(dir.Path, "etc/c.yaml"), "metadata:\n  sqlite:\n    path: ./m.db\n");

        var c = ConfigLoader.Load(new CommandLineOptions { ConfigPath = "etc/c.yaml" }, dir.Path, _ => null);

        Assert.Equal(Path.Combine(dir.Path, "m.db"), c.Metadata.SqlitePath);
    }
}
