using System.Diagnostics;
using System.Net;
using System.Xml.Linq;
using BleepStore.Api.Tests.Support;
using BleepStore.Infrastructure.Tests.TestSupport;
using Npgsql;

namespace BleepStore.Api.Tests.Integration;

/// <summary>
/// <c>metadata.engine: postgres</c> with the built server as a process and a real PostgreSQL (scripts/lib/postgres.sh):
/// start-up against a database that is not there, the PG* environment variables, and an outage while serving.
/// </summary>
public sealed class PostgresEngineTests
{
    private const string NoAuth = "auth:\n  enabled: false\n";

    [Fact]
    public async Task UnreachableDatabase_AtStartUp_ExitsWithOneLineNamingTheKey()
    {
        using var dir = new TempDir();
        var closed = ServerProcess.FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"),
            $"metadata:\n  engine: postgres\n  postgres:\n    connection_string: 'Host=127.0.0.1;Port={closed};Username=nobody;Password=hunter2;Timeout=5'\n");

        using var process = ServerProcess.Start(dir.Path, "--port", "0");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"bleepstore: invalid config: metadata.postgres.connection_string: cannot open the PostgreSQL database nobody@127.0.0.1:{closed}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionString_LeftOut_ComesFromThePgEnvironmentVariables()
    {
        var database = PostgresServer.Shared.CreateDatabase();
        using var dir = new TempDir();
        var port = ServerProcess.FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"), NoAuth + "metadata:\n  engine: postgres\n");
        var environment = new Dictionary<string, string?>
        {
            ["PGHOST"] = "127.0.0.1",
            ["PGPORT"] = PostgresServer.Shared.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = "bleepstore",
            ["PGDATABASE"] = database,
        };
        using var process = ServerProcess.StartWith(dir.Path, environment, "--bind", $"127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitReadyAsync(http);
            using var created = await http.PutAsync("/from-env-bucket", null);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }
        finally
        {
            await StopAsync(process);
        }

        // The row is in the database the variables named, not in a SQLite file of the working directory.
        await using var connection = new NpgsqlConnection(PostgresServer.Shared.ConnectionString(database));
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT name FROM buckets", connection);
        Assert.Equal("from-env-bucket", await query.ExecuteScalarAsync());
        Assert.False(File.Exists(Path.Combine(dir.Path, "data", "metadata.db")));
    }

    [Fact]
    public async Task DatabaseDown_AnswersServiceUnavailable_NotReady_ThenRecoversByItself()
    {
        using var pg = PostgresServer.StartNew();
        using var dir = new TempDir();
        var port = ServerProcess.FreePort();
        File.WriteAllText(Path.Combine(dir.Path, "bleepstore.yaml"),
            NoAuth + $"metadata:\n  engine: postgres\n  postgres:\n    connection_string: '{pg.ConnectionString("postgres")};Timeout=3'\n    statement_timeout_seconds: 5\n");
        using var process = ServerProcess.Start(dir.Path, "--bind", $"127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await ServerProcess.WaitReadyAsync(http);
            using (var created = await http.PutAsync("/before-outage", null))
            {
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            }

            pg.Pause();

            // Reads and writes alike: 503 with S3's error document, a request id, and nothing changed.
            foreach (var (method, path) in new[] { (HttpMethod.Get, "/"), (HttpMethod.Put, "/during-outage"), (HttpMethod.Get, "/before-outage?list-type=2") })
            {
                using var response = await http.SendAsync(new HttpRequestMessage(method, path));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                var body = XDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal("Error", body.Root!.Name.LocalName);
                Assert.Equal("ServiceUnavailable", body.Root.Element("Code")!.Value);
                Assert.Equal(Assert.Single(response.Headers.GetValues("x-amz-request-id")), body.Root.Element("RequestId")!.Value);
            }

            using (var ready = await http.GetAsync("/readyz"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            }

            using (var live = await http.GetAsync("/healthz"))
            {
                Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            }

            pg.Resume();

            // No restart of the server: the pool reconnects. The first request after the database is back succeeds.
            var clock = Stopwatch.StartNew();
            using (var ready = await http.GetAsync("/readyz"))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            using (var list = await http.GetAsync("/"))
            {
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
                var names = XDocument.Parse(await list.Content.ReadAsStringAsync()).Descendants().Where(e => e.Name.LocalName == "Name").Select(e => e.Value).ToList();
                Assert.Equal(["before-outage"], names);
            }

            using (var created = await http.PutAsync("/after-outage", null))
            {
                Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"recovery took {clock.Elapsed}");
        }
        finally
        {
            await StopAsync(process);
        }
    }

    private static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }
}
