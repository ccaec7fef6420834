using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using BleepStore.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Api.Tests.Admin;

/// <summary>The admin API on the real host (Kestrel, SQLite, local backend), with AWSSDK.S3 as the S3 client.</summary>
public sealed class AdminApiTests
{
    private const string Token = "admin-token-for-tests";

    private static BleepStoreFactory WithAdmin(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["server.admin_token"] = Token };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return new BleepStoreFactory(settings, null);
    }

    private static HttpClient Admin(Uri baseAddress, string? token = Token)
    {
        var client = new HttpClient { BaseAddress = baseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-token")]
    [InlineData("admin-token-for-tests-and-more")]
    public async Task MissingOrWrongToken_401Unauthorized(string? token)
    {
        using var factory = WithAdmin();
        using var admin = Admin(factory.BaseAddress, token);

        using var response = await admin.GetAsync("/admin/status");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        var json = await JsonAsync(response);
        Assert.Equal("unauthorized", json.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Status_VersionUptimeAdaptersAndCounts()
    {
        using var factory = WithAdmin();
        using var s3 = factory.CreateS3Client();
        await s3.PutBucketAsync("counted");
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "counted", Key = "k", ContentBody = "12345" });
        using var admin = Admin(factory.BaseAddress);

        using var response = await admin.GetAsync("/admin/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.Matches("^[0-9]+\\.[0-9]+\\.[0-9]+", json.GetProperty("version").GetString());
        Assert.True(json.GetProperty("uptime_seconds").GetInt64() >= 0);
        Assert.Equal("embedded", json.GetProperty("mode").GetString());
        Assert.True(json.GetProperty("healthy").GetBoolean());
        Assert.Equal("local", json.GetProperty("storage_backend").GetString());
        Assert.Equal("sqlite", json.GetProperty("metadata_engine").GetString());
        Assert.Equal((1L, 1L, 5L), (json.GetProperty("total_buckets").GetInt64(), json.GetProperty("total_objects").GetInt64(), json.GetProperty("total_size_bytes").GetInt64()));

        var scrape = await factory.CreateClient().GetStringAsync("/metrics");
        Assert.Contains("bleepstore_http_requests_total{method=\"GET\",path=\"/admin\",status=\"200\"} 1\n", scrape, StringComparison.Ordinal);
        Assert.DoesNotContain("AdminStatus", scrape, StringComparison.Ordinal);

        using var stats = await admin.GetAsync("/admin/storage/stats");
        Assert.Equal(1L, (await JsonAsync(stats)).GetProperty("total_objects").GetInt64());
        using var storage = await admin.GetAsync("/admin/storage/status");
        Assert.Equal("healthy", (await JsonAsync(storage)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Credentials_CreateUseDisableDelete_WithAwsSdk_EachEffectiveAtOnce()
    {
        using var factory = WithAdmin();
        using var admin = Admin(factory.BaseAddress);

        using var created = await admin.PostAsync("/admin/credentials", new StringContent("{\"description\":\"ci\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var id = body.GetProperty("access_key_id").GetString()!;
        var secret = body.GetProperty("secret_access_key").GetString()!;
        Assert.Matches("^AKBS[A-Z0-9]{16}$", id);
        Assert.Equal(("active", "ci"), (body.GetProperty("status").GetString(), body.GetProperty("description").GetString()));
        Assert.Equal("/admin/credentials/" + id, created.Headers.Location!.ToString());

        using var s3 = factory.CreateS3Client(secret, id);
        await s3.PutBucketAsync("made-by-new-key");
        Assert.Contains((await s3.ListBucketsAsync()).Buckets, b => b.BucketName == "made-by-new-key");

        var listText = await admin.GetStringAsync("/admin/credentials");
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(BleepStoreFactory.SecretKey, listText, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(listText).RootElement.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("access_key_id").GetString()).ToList();
        Assert.Contains(id, listed);
        Assert.Contains(BleepStoreFactory.AccessKey, listed);

        using var disable = await admin.PutAsync($"/admin/credentials/{id}/status", new StringContent("{\"status\":\"disabled\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Equal("disabled", (await JsonAsync(disable)).GetProperty("status").GetString());
        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync());
        Assert.Equal(("InvalidAccessKeyId", HttpStatusCode.Forbidden), (denied.ErrorCode, denied.StatusCode));

        using var enable = await admin.PutAsync($"/admin/credentials/{id}/status", new StringContent("{\"status\":\"active\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        await s3.ListBucketsAsync();

        using var delete = await admin.DeleteAsync($"/admin/credentials/{id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var gone = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync());
        Assert.Equal("InvalidAccessKeyId", gone.ErrorCode);
        using var again = await admin.DeleteAsync($"/admin/credentials/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("not_found", (await JsonAsync(again)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("POST", "/admin/credentials", "{not json")]
    [InlineData("POST", "/admin/credentials", "[1]")]
    [InlineData("POST", "/admin/credentials", "{\"description\":5}")]
    [InlineData("PUT", "/admin/credentials/test-access/status", "{\"status\":\"paused\"}")]
    [InlineData("PUT", "/admin/credentials/test-access/status", "")]
    public async Task BadBodies_400BadRequest_NothingChanges(string method, string path, string body)
    {
        using var factory = WithAdmin();
        using var admin = Admin(factory.BaseAddress);
        var before = await admin.GetStringAsync("/admin/credentials");

        using var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_request", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal(before, await admin.GetStringAsync("/admin/credentials"));
    }

    [Fact]
    public async Task UnknownPathsAndMethods_JsonErrors()
    {
        using var factory = WithAdmin();
        using var admin = Admin(factory.BaseAddress);

        using var missing = await admin.GetAsync("/admin/nothing-here");
        using var method = await admin.DeleteAsync("/admin/status");
        using var cluster = await admin.GetAsync("/admin/cluster/status");

        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (missing.StatusCode, (await JsonAsync(missing)).GetProperty("error").GetString()));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Equal((HttpStatusCode.NotImplemented, "not_implemented"), (cluster.StatusCode, (await JsonAsync(cluster)).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task Config_SecretsRedacted()
    {
        using var factory = WithAdmin(new Dictionary<string, string> { ["storage.aws.secret_access_key"] = "aws-secret-value" });
        using var admin = Admin(factory.BaseAddress);

        var text = await admin.GetStringAsync("/admin/config");

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(BleepStoreFactory.SecretKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("aws-secret-value", text, StringComparison.Ordinal);
        var json = JsonDocument.Parse(text).RootElement;
        Assert.Equal("**REDACTED**", json.GetProperty("admin_token").GetString());
        var settings = json.GetProperty("settings");
        Assert.Equal("**REDACTED**", settings.GetProperty("auth.secret_key").GetString());
        Assert.Equal("**REDACTED**", settings.GetProperty("storage.aws.secret_access_key").GetString());
        Assert.Equal(BleepStoreFactory.AccessKey, settings.GetProperty("auth.access_key").GetString());
        Assert.Equal("local", json.GetProperty("storage").GetProperty("backend").GetString());
    }

    [Fact]
    public async Task NoToken_AdminApiOff_AdminIsAnS3Path()
    {
        using var factory = new BleepStoreFactory();
        using var admin = Admin(factory.BaseAddress);

        using var response = await admin.GetAsync("/admin/status");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<Code>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPort_ServesTheAdminApi_AndTheS3PortDoesNot()
    {
        var port = ServerProcess.FreePort();
        using var factory = WithAdmin(new Dictionary<string, string> { ["server.admin_port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _ = factory.BaseAddress; // starts the server
        var addresses = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        Assert.Equal(2, addresses.Count);
        using var onS3Port = Admin(addresses.Single(a => a.Port != port));
        using var onAdminPort = Admin(new Uri($"http://127.0.0.1:{port}/"));

        using var viaAdmin = await onAdminPort.GetAsync("/admin/status");
        using var viaS3 = await onS3Port.GetAsync("/admin/status");

        Assert.Equal(HttpStatusCode.OK, viaAdmin.StatusCode);
        Assert.Equal($"127.0.0.1:{port}", (await JsonAsync(await onAdminPort.GetAsync("/admin/config"))).GetProperty("admin_listen_addr").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, viaS3.StatusCode);
        Assert.Contains("<Code>", await viaS3.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledConfigKey_StaysDisabledAfterRestart()
    {
        using var factory = WithAdmin();
        using (var admin = Admin(factory.BaseAddress))
        {
            using var disable = await admin.PutAsync($"/admin/credentials/{BleepStoreFactory.AccessKey}/status", new StringContent("{\"status\":\"disabled\"}", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        // A second server on the same files: start-up seeds the config's keys again, keeping the operator's status.
        using var restarted = new BleepStoreFactory(new Dictionary<string, string>
        {
            ["server.admin_token"] = Token,
            ["metadata.sqlite.path"] = Path.Combine(factory.DataDir, "metadata.db"),
            ["storage.local.root_dir"] = Path.Combine(factory.DataDir, "objects"),
        }, null);
        using var s3 = restarted.CreateS3Client();
        var denied = await Assert.ThrowsAsync<AmazonS3Exception>(() => s3.ListBucketsAsync());
        Assert.Equal("InvalidAccessKeyId", denied.ErrorCode);
    }
}
