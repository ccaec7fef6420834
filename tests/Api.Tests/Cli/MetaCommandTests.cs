using System.Text.Json;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Cli;

/// <summary><c>bleepstore meta export|import</c> as a process: flags, files, stdout/stderr, exit codes.</summary>
public sealed class MetaCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bleepstore-meta-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = ServerProcess.Start(_dir, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task ExportImport_ThroughFiles_ConfigFindsTheDatabase_SecondExportIdentical()
    {
        File.WriteAllText(Path.Combine(_dir, "bleepstore.yaml"), "metadata:\n  sqlite:\n    path: ./data/metadata.db\nauth:\n  access_key: cli-key\n  secret_key: cli-secret\n");
        // An empty store with the seeded credential, as the server leaves it.
        var seeded = await RunAsync("meta", "import", "--input", WriteExport("""{"bleepstore_export": {"version": 1}, "credentials": [{"access_key_id": "cli-key", "secret_key": "cli-secret", "owner_id": "cli-key", "display_name": "cli", "active": true, "created_at": "2026-01-01T00:00:00.000Z"}]}"""));
        Assert.True(seeded.Code == 0, seeded.Stderr);
        Assert.Contains("imported 1 of 1 credentials", seeded.Stderr, StringComparison.Ordinal);

        var toStdout = await RunAsync("meta", "export");
        Assert.Equal(0, toStdout.Code);
        var root = JsonDocument.Parse(toStdout.Stdout).RootElement;
        Assert.Equal("REDACTED", root.GetProperty("credentials")[0].GetProperty("secret_key").GetString());
        Assert.StartsWith("bleepstore-dotnet/", root.GetProperty("bleepstore_export").GetProperty("source").GetString(), StringComparison.Ordinal);

        var file = Path.Combine(_dir, "out.json");
        var toFile = await RunAsync("meta", "export", "--output", file, "--include-credentials", "--tables", "credentials");
        Assert.Equal(0, toFile.Code);
        Assert.Empty(toFile.Stdout); // not a terminal: no progress
        Assert.Contains("cli-secret", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(File.ReadAllText(file)).RootElement.TryGetProperty("objects", out _));

        var again = await RunAsync("meta", "import", "--db", Path.Combine(_dir, "copy.db"), "--input", file, "--replace");
        Assert.Equal(0, again.Code);
        var copy = await RunAsync("meta", "export", "--db", Path.Combine(_dir, "copy.db"), "--include-credentials", "--tables", "credentials");
        Assert.Equal(WithoutTime(File.ReadAllText(file)), WithoutTime(copy.Stdout));
    }

    [Fact]
    public async Task SqliteToPostgres_WithThePostgresFlagAndConfig_SecondExportIdentical()
    {
        var database = Infrastructure.Tests.TestSupport.PostgresServer.Shared.CreateDatabase();
        var connectionString = Infrastructure.Tests.TestSupport.PostgresServer.Shared.ConnectionString(database);
        var source = WriteExport("""{"bleepstore_export": {"version": 1}, "buckets": [{"name": "moved", "owner_id": "o", "owner_display": "O", "created_at": "2026-01-01T00:00:00.000Z", "acl": {"owner": {"id": "o"}}}], "objects": [{"bucket": "moved", "key": "ké", "size": 3, "etag": "\"e\"", "last_modified": "2026-01-01T00:00:00.000Z", "blob_id": "b", "inline_data": "AQID", "delete_marker": false}]}""");
        Assert.Equal(0, (await RunAsync("meta", "import", "--db", Path.Combine(_dir, "embedded.db"), "--input", source)).Code);
        var fromSqlite = await RunAsync("meta", "export", "--db", Path.Combine(_dir, "embedded.db"));

        var imported = await RunAsync("meta", "import", "--postgres", connectionString, "--input", WriteExport(fromSqlite.Stdout), "--replace");
        Assert.True(imported.Code == 0, imported.Stderr);
        Assert.Contains("1 of 1 buckets", imported.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 of 1 objects", imported.Stderr, StringComparison.Ordinal);

        // The config route: metadata.engine postgres names the same database.
        File.WriteAllText(Path.Combine(_dir, "bleepstore.yaml"), $"metadata:\n  engine: postgres\n  postgres:\n    connection_string: '{connectionString}'\n");
        var fromPostgres = await RunAsync("meta", "export");
        Assert.True(fromPostgres.Code == 0, fromPostgres.Stderr);
        Assert.Equal(WithoutTime(fromSqlite.Stdout), WithoutTime(fromPostgres.Stdout));

        var both = await RunAsync("meta", "export", "--db", "x.db", "--postgres", connectionString);
        Assert.Equal(2, both.Code);
        Assert.Contains("--db and --postgres exclude each other", both.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta", "export", "--bogus")]
    [InlineData("meta", "export", "--format", "csv")]
    [InlineData("meta", "import", "--merge", "--replace")]
    [InlineData("meta", "export", "--tables", "objects,nope")]
    [InlineData("meta", "frobnicate")]
    public async Task UsageErrors_Exit2_OneLine(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.StartsWith("bleepstore meta: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingDatabaseOrBadInput_Exit1_NoStackTrace()
    {
        var missing = await RunAsync("meta", "export", "--db", Path.Combine(_dir, "none.db"));
        var bad = await RunAsync("meta", "import", "--db", Path.Combine(_dir, "x.db"), "--input", WriteExport("{\"buckets\": []}"));

        Assert.Equal((1, 1), (missing.Code, bad.Code));
        Assert.Contains("not found", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("no \"bleepstore_export\" header", bad.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Stderr + bad.Stderr, StringComparison.Ordinal);
    }

    private string WriteExport(string text)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, text);
        return path;
    }

    private static string WithoutTime(string export) =>
        System.Text.RegularExpressions.Regex.Replace(export, "\"exported_at\": \"[^\"]*\"", "\"exported_at\": \"\"");
}
