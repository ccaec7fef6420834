using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BleepStore.Application.Admin;
using BleepStore.Application.Admin.CreateCredential;
using BleepStore.Application.Admin.DeleteCredential;
using BleepStore.Application.Admin.GetConfig;
using BleepStore.Application.Admin.GetServerStatus;
using BleepStore.Application.Admin.ListCredentials;
using BleepStore.Application.Admin.SetCredentialStatus;
using MediatR;

namespace BleepStore.Api.Admin;

/// <summary>
/// The admin API (spec 70, the earlier implementations' admin OpenAPI): JSON over HTTP under <c>/admin</c>, bearer
/// token <c>server.admin_token</c> compared in constant time, errors as <c>{"error","message"}</c>. Served on
/// <c>server.admin_port</c> when set (that listener answers nothing else), else under <c>/admin</c> on the S3 port.
/// Every endpoint is a use case of <c>Application/Admin</c> sent through the mediator.
/// </summary>
internal sealed class AdminEndpoints(IMediator mediator, string token, ILogger<AdminEndpoints> logger)
{
    private const int MaxBodyBytes = 64 * 1024;
    private readonly byte[] _token = Encoding.UTF8.GetBytes(token);

    public static bool IsAdminPath(PathString path) => path.StartsWithSegments("/admin", StringComparison.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            if (!Authorized(context.Request.Headers.Authorization.ToString()))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                throw new AdminException(401, "unauthorized", "Missing or invalid admin bearer token.");
            }

            await RouteAsync(context).ConfigureAwait(false);
        }
        catch (AdminException e)
        {
            await WriteErrorAsync(context, e.Status, e.Error, e.Message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "admin request {Method} {Path} failed", context.Request.Method, context.Request.Path.Value);
            await WriteErrorAsync(context, 500, "internal_error", "An unexpected error occurred. Check the server log.").ConfigureAwait(false);
        }
    }

    /// <summary>Constant time in the token's content: a wrong guess learns nothing from how long the answer took.</summary>
    private bool Authorized(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        // FixedTimeEquals answers false at once for different lengths; hashing first makes both sides 32 bytes,
        // so not even the token's length leaks.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(_token));
    }

    private Task RouteAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value!.TrimEnd('/');
        var ct = context.RequestAborted;
        switch (path)
        {
            case "/admin/status":
                return Only(method, "GET", () => StatusAsync(context, ct));
            case "/admin/storage/status":
                return Only(method, "GET", () => StorageStatusAsync(context, ct));
            case "/admin/storage/stats":
                return Only(method, "GET", () => StorageStatsAsync(context, ct));
            case "/admin/config":
                return Only(method, "GET", () => ConfigAsync(context, ct));
            case "/admin/credentials":
                return method switch
                {
                    "GET" => ListCredentialsAsync(context, ct),
                    "POST" => CreateCredentialAsync(context, ct),
                    _ => throw MethodNotAllowed(method),
                };
            case "/admin/metrics":
                throw new AdminException(501, "not_implemented", "Metrics are served at /metrics on the S3 port (observability.metrics).");
        }

        if (path.StartsWith("/admin/cluster", StringComparison.Ordinal))
        {
            throw new AdminException(501, "not_implemented", "Cluster nodes are not managed through the admin API: they share only the database and the storage (docs/cluster.md).");
        }

        const string prefix = "/admin/credentials/";
        if (path.StartsWith(prefix, StringComparison.Ordinal))
        {
            var rest = path[prefix.Length..];
            if (rest.EndsWith("/status", StringComparison.Ordinal) && rest.IndexOf('/') == rest.Length - "/status".Length)
            {
                var id = rest[..^"/status".Length];
                return Only(method, "PUT", () => SetStatusAsync(context, id, ct));
            }

            if (rest.Length > 0 && !rest.Contains('/'))
            {
                return Only(method, "DELETE", () => DeleteCredentialAsync(context, rest, ct));
            }
        }

        throw AdminException.NotFound($"No admin endpoint at {path}.");
    }

    private static Task Only(string method, string allowed, Func<Task> action) =>
        method == allowed || (allowed == "GET" && method == "HEAD") ? action() : throw MethodNotAllowed(method);

    private static AdminException MethodNotAllowed(string method) =>
        new(405, "method_not_allowed", $"{method} is not allowed on this admin endpoint.");

    private async Task StatusAsync(HttpContext context, CancellationToken ct)
    {
        var s = await mediator.Send(new GetServerStatusQuery(), ct).ConfigureAwait(false);
        await WriteAsync(context, 200, json =>
        {
            json.WriteString("version", s.Version);
            json.WriteString("commit", s.Commit);
            json.WriteNumber("uptime_seconds", s.UptimeSeconds);
            json.WriteString("mode", s.Mode);
            json.WriteBoolean("healthy", s.Healthy);
            json.WriteString("started_at", Time(s.StartedAt));
            json.WriteString("storage_backend", s.StorageBackend);
            json.WriteString("metadata_engine", s.MetadataEngine);
            json.WriteNumber("total_buckets", s.Buckets);
            json.WriteNumber("total_objects", s.Objects);
            json.WriteNumber("total_size_bytes", s.TotalObjectBytes);
            json.WriteNumber("total_multipart_uploads", s.MultipartUploads);
        }).ConfigureAwait(false);
    }

    private async Task StorageStatusAsync(HttpContext context, CancellationToken ct)
    {
        var s = await mediator.Send(new GetServerStatusQuery(), ct).ConfigureAwait(false);
        var host = await mediator.Send(new GetConfigQuery(), ct).ConfigureAwait(false);
        await WriteAsync(context, 200, json =>
        {
            json.WriteString("backend", s.StorageBackend);
            json.WriteString("state", s.Healthy ? "healthy" : "unavailable");
            json.WriteString("data_directory", host.DataDirectory);
            json.WriteBoolean("read_only", false);
        }).ConfigureAwait(false);
    }

    private async Task StorageStatsAsync(HttpContext context, CancellationToken ct)
    {
        var s = await mediator.Send(new GetServerStatusQuery(), ct).ConfigureAwait(false);
        await WriteAsync(context, 200, json =>
        {
            json.WriteNumber("total_objects", s.Objects);
            json.WriteNumber("total_size_bytes", s.TotalObjectBytes);
            json.WriteNumber("total_buckets", s.Buckets);
            json.WriteNumber("total_multipart_uploads", s.MultipartUploads);
        }).ConfigureAwait(false);
    }

    private async Task ConfigAsync(HttpContext context, CancellationToken ct)
    {
        var host = await mediator.Send(new GetConfigQuery(), ct).ConfigureAwait(false);
        await WriteAsync(context, 200, json =>
        {
            json.WriteString("listen_addr", host.ListenAddress);
            if (host.AdminListenAddress is null)
            {
                json.WriteNull("admin_listen_addr");
            }
            else
            {
                json.WriteString("admin_listen_addr", host.AdminListenAddress);
            }

            json.WriteString("data_directory", host.DataDirectory);
            json.WriteString("mode", "embedded");
            json.WriteString("admin_token", AdminHostInfo.Redacted);
            json.WriteStartObject("storage");
            json.WriteString("backend", host.StorageBackend);
            json.WriteNumber("max_object_size_bytes", host.MaxObjectSize);
            json.WriteEndObject();
            json.WriteStartObject("metadata");
            json.WriteString("engine", host.MetadataEngine);
            json.WriteEndObject();
            json.WriteStartObject("settings");
            foreach (var (key, value) in host.Settings)
            {
                if (value is null)
                {
                    json.WriteNull(key);
                }
                else
                {
                    json.WriteString(key, value);
                }
            }

            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task ListCredentialsAsync(HttpContext context, CancellationToken ct)
    {
        var all = await mediator.Send(new ListCredentialsQuery(), ct).ConfigureAwait(false);
        await WriteAsync(context, 200, json =>
        {
            json.WriteStartArray("credentials");
            foreach (var credential in all)
            {
                json.WriteStartObject();
                WriteCredential(json, credential);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private async Task CreateCredentialAsync(HttpContext context, CancellationToken ct)
    {
        using var body = await ReadBodyAsync(context, required: false, ct).ConfigureAwait(false);
        var root = body?.RootElement;
        var command = new CreateCredentialCommand(
            StringField(root, "description"), StringField(root, "owner_id"), StringField(root, "display_name"));
        var created = await mediator.Send(command, ct).ConfigureAwait(false);
        context.Response.Headers.Location = "/admin/credentials/" + created.Credential.AccessKeyId;
        await WriteAsync(context, 201, json =>
        {
            WriteCredential(json, created.Credential);
            json.WriteString("secret_access_key", created.SecretAccessKey);
        }).ConfigureAwait(false);
    }

    private async Task SetStatusAsync(HttpContext context, string accessKeyId, CancellationToken ct)
    {
        using var body = await ReadBodyAsync(context, required: true, ct).ConfigureAwait(false);
        var updated = await mediator.Send(new SetCredentialStatusCommand(accessKeyId, StringField(body!.RootElement, "status")), ct).ConfigureAwait(false);
        await WriteAsync(context, 200, json => WriteCredential(json, updated)).ConfigureAwait(false);
    }

    private async Task DeleteCredentialAsync(HttpContext context, string accessKeyId, CancellationToken ct)
    {
        await mediator.Send(new DeleteCredentialCommand(accessKeyId), ct).ConfigureAwait(false);
        context.Response.StatusCode = 204;
        context.Response.ContentLength = 0;
    }

    private static void WriteCredential(Utf8JsonWriter json, CredentialSummary credential)
    {
        json.WriteString("access_key_id", credential.AccessKeyId);
        json.WriteString("status", credential.Status);
        json.WriteString("created_at", Time(credential.CreatedAt));
        if (credential.Description is not null)
        {
            json.WriteString("description", credential.Description);
        }

        json.WriteString("owner_id", credential.OwnerId);
        json.WriteString("display_name", credential.DisplayName);
    }

    /// <summary>A JSON object body (at most 64 KiB); null when none was sent and none is required.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context, bool required, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw AdminException.BadRequest($"The request body is larger than {MaxBodyBytes} bytes.");
            }
        }

        if (buffer.Length == 0)
        {
            return required ? throw AdminException.BadRequest("A JSON object body is required.") : null;
        }

        try
        {
            var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw AdminException.BadRequest("The body must be a JSON object.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw AdminException.BadRequest($"The body is not valid JSON: {e.Message}");
        }
    }

    private static string? StringField(JsonElement? root, string name)
    {
        if (root is not { } r || !r.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw AdminException.BadRequest($"'{name}' must be a string.");
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string error, string message) =>
        context.Response.HasStarted
            ? Task.CompletedTask
            : WriteAsync(context, status, json =>
            {
                json.WriteString("error", error);
                json.WriteString("message", message);
            });
}
