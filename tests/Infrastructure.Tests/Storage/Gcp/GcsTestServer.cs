using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Tests.Storage.Gcp;

/// <summary>
/// A GCS JSON API server in memory, on a free loopback port, following Google's documented semantics for
/// what the Google.Cloud.Storage.V1 client uses: media, multipart and resumable uploads; object get
/// (alt=media, Range, x-goog-hash), metadata get, delete, list; generations with ifGenerationMatch /
/// ifGenerationNotMatch; compose (at most 32 sources); copyTo and rewriteTo; md5Hash and crc32c.
/// No GCS emulator runs on these machines, so this is what the gcp gateway is tested against.
/// </summary>
public sealed class GcsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GcsTestServer(WebApplication app, GcsTestStore store)
    {
        _app = app;
        Store = store;
        BaseUri = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>http://127.0.0.1:port</summary>
    public Uri BaseUri { get; }

    internal GcsTestStore Store { get; }

    public static async Task<GcsTestServer> StartAsync(params string[] buckets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var store = new GcsTestStore();
        foreach (var bucket in buckets)
        {
            store.AddBucket(bucket);
        }

        var api = new GcsTestApi(store);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        return new GcsTestServer(app, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The routes of <see cref="GcsTestServer"/>, dispatched on the raw (still escaped) path.</summary>
internal sealed partial class GcsTestApi(GcsTestStore store)
{
    public async Task HandleAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var path = raw.Split('?', 2)[0];
        var s = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        var method = context.Request.Method;
        if (context.Request.Headers.ContentEncoding == "gzip")
        {
            // The Google client gzips JSON request bodies, as GCS accepts.
            context.Request.Body = new System.IO.Compression.GZipStream(context.Request.Body, System.IO.Compression.CompressionMode.Decompress);
            context.Request.ContentLength = null;
        }

        if (method == "POST" && context.Request.Headers["X-HTTP-Method-Override"].ToString() is { Length: > 0 } overridden)
        {
            // The Google client turns a request whose URL passes 2048 characters (a long object name) into a POST with
            // the method in X-HTTP-Method-Override and the query string as a form body, as GCS accepts.
            using var reader = new StreamReader(context.Request.Body);
            var form = await reader.ReadToEndAsync();
            var query = context.Request.QueryString.Value is { Length: > 1 } q ? q[1..] + "&" : "";
            context.Request.QueryString = new QueryString("?" + query + form);
            method = overridden;
        }

        try
        {
            switch (s)
            {
                case ["upload", "storage", "v1", "b", var bucket, "o"] when method == "POST":
                    await UploadAsync(context, bucket);
                    return;
                case ["upload", "storage", "v1", "b", _, "o"] when method == "PUT":
                    await ResumeAsync(context);
                    return;
                case ["storage", "v1", "b", var bucket] when method == "GET":
                    await (store.HasBucket(bucket) ? Json(context, new JsonObject { ["kind"] = "storage#bucket", ["name"] = bucket, ["id"] = bucket }) : Error(context, 404, "notFound", "The specified bucket does not exist."));
                    return;
                case ["storage", "v1", "b", var bucket, "o"] when method == "GET":
                    await ListAsync(context, bucket);
                    return;
                case ["storage", "v1", "b", var bucket, "o", var name] when method == "GET":
                    await GetAsync(context, bucket, name, media: context.Request.Query["alt"] == "media");
                    return;
                case ["download", "storage", "v1", "b", var bucket, "o", var name] when method == "GET":
                    await GetAsync(context, bucket, name, media: true);
                    return;
                case ["storage", "v1", "b", var bucket, "o", var name] when method == "DELETE":
                    await DeleteAsync(context, bucket, name);
                    return;
                case ["storage", "v1", "b", var bucket, "o", var name, "compose"] when method == "POST":
                    await ComposeAsync(context, bucket, name);
                    return;
                case ["storage", "v1", "b", var sb, "o", var so, "rewriteTo" or "copyTo", "b", var db, "o", var dn] when method == "POST":
                    await CopyAsync(context, sb, so, db, dn, rewrite: s[6] == "rewriteTo");
                    return;
                default:
                    await Error(context, 400, "invalid", $"Unsupported request {method} {path}");
                    return;
            }
        }
        catch (JsonException e)
        {
            await Error(context, 400, "parseError", e.Message);
        }
    }

    private async Task GetAsync(HttpContext context, string bucket, string name, bool media)
    {
        if (!store.HasBucket(bucket))
        {
            await Error(context, 404, "notFound", "The specified bucket does not exist.");
            return;
        }

        var obj = store.Get(bucket, name);
        var conditions = Preconditions.From(context.Request.Query);
        if (obj is null || (context.Request.Query.TryGetValue("generation", out var g) && g != obj.Generation.ToString()))
        {
            await Error(context, 404, "notFound", $"No such object: {bucket}/{name}");
            return;
        }

        if (!conditions.Hold(obj))
        {
            await Error(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
            return;
        }

        if (!media)
        {
            await Json(context, Resource(obj));
            return;
        }

        var response = context.Response;
        response.Headers["x-goog-generation"] = obj.Generation.ToString();
        response.Headers["x-goog-stored-content-length"] = obj.Data.Length.ToString();
        response.ContentType = "application/octet-stream";
        if (Range(context.Request.Headers.Range.ToString(), obj.Data.Length) is not { } range)
        {
            response.Headers["x-goog-hash"] = obj.Md5 is { } md5 ? $"crc32c={obj.Crc32c},md5={md5}" : $"crc32c={obj.Crc32c}";
            response.ContentLength = obj.Data.Length;
            await response.Body.WriteAsync(obj.Data);
            return;
        }

        if (range.Start >= obj.Data.Length)
        {
            response.Headers.ContentRange = $"bytes */{obj.Data.Length}";
            await Error(context, 416, "requestedRangeNotSatisfiable", "The requested range cannot be satisfied.");
            return;
        }

        var end = Math.Min(range.End ?? long.MaxValue, obj.Data.Length - 1);
        response.StatusCode = 206;
        response.Headers.ContentRange = $"bytes {range.Start}-{end}/{obj.Data.Length}";
        response.ContentLength = end - range.Start + 1;
        await response.Body.WriteAsync(obj.Data.AsMemory((int)range.Start, (int)(end - range.Start + 1)));
    }

    private async Task ListAsync(HttpContext context, string bucket)
    {
        if (!store.HasBucket(bucket))
        {
            await Error(context, 404, "notFound", "The specified bucket does not exist.");
            return;
        }

        var all = store.List(bucket, context.Request.Query["prefix"].ToString());
        var max = int.TryParse(context.Request.Query["maxResults"], out var m) && m > 0 ? Math.Min(m, 1000) : 1000;
        var after = context.Request.Query["pageToken"].ToString();
        var page = all.Where(o => after.Length == 0 || string.CompareOrdinal(o.Name, after) > 0).Take(max + 1).ToList();
        var body = new JsonObject { ["kind"] = "storage#objects", ["items"] = new JsonArray([.. page.Take(max).Select(Resource)]) };
        if (page.Count > max)
        {
            body["nextPageToken"] = page[max - 1].Name;
        }

        await Json(context, body);
    }

    private async Task DeleteAsync(HttpContext context, string bucket, string name)
    {
        switch (store.Delete(bucket, name, Preconditions.From(context.Request.Query)))
        {
            case true:
                context.Response.StatusCode = 204;
                return;
            case false:
                await Error(context, 404, "notFound", $"No such object: {bucket}/{name}");
                return;
            default:
                await Error(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
                return;
        }
    }

    private async Task ComposeAsync(HttpContext context, string bucket, string name)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        var sources = request["sourceObjects"]?.AsArray() ?? [];
        if (sources.Count == 0 || sources.Count > 32)
        {
            await Error(context, 400, "invalid", $"The number of source components provided ({sources.Count}) must be between 1 and 32.");
            return;
        }

        using var joined = new MemoryStream();
        var components = 0;
        foreach (var source in sources)
        {
            var sourceName = source!["name"]!.GetValue<string>();
            var obj = store.Get(bucket, sourceName);
            var generation = source["generation"]?.ToString();
            if (obj is null || (generation is not null && generation != obj.Generation.ToString()))
            {
                await Error(context, 404, "notFound", $"Object {sourceName} (generation: {generation ?? "latest"}) not found.");
                return;
            }

            joined.Write(obj.Data);
            components += obj.ComponentCount;
        }

        if (components > 1024)
        {
            await Error(context, 400, "invalid", "The composite object would have more than 1024 components.");
            return;
        }

        await Create(context, bucket, name, joined.ToArray(), Math.Max(components, 2), Preconditions.From(context.Request.Query));
    }

    private async Task CopyAsync(HttpContext context, string sourceBucket, string sourceName, string bucket, string name, bool rewrite)
    {
        var source = store.Get(sourceBucket, sourceName);
        if (source is null)
        {
            await Error(context, 404, "notFound", $"No such object: {sourceBucket}/{sourceName}");
            return;
        }

        if (!Preconditions.From(context.Request.Query, "ifSource").Hold(source))
        {
            await Error(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
            return;
        }

        var created = store.Put(bucket, name, source.Data, source.ComponentCount, Preconditions.From(context.Request.Query));
        if (created is null)
        {
            await Error(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
            return;
        }

        await Json(context, rewrite
            ? new JsonObject
            {
                ["kind"] = "storage#rewriteResponse",
                ["totalBytesRewritten"] = created.Data.Length.ToString(),
                ["objectSize"] = created.Data.Length.ToString(),
                ["done"] = true,
                ["resource"] = Resource(created),
            }
            : Resource(created));
    }

    private async Task Create(HttpContext context, string bucket, string name, byte[] data, int components, Preconditions conditions)
    {
        if (!store.HasBucket(bucket))
        {
            await Error(context, 404, "notFound", "The specified bucket does not exist.");
            return;
        }

        var created = store.Put(bucket, name, data, components, conditions);
        await (created is null
            ? Error(context, 412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.")
            : Json(context, Resource(created)));
    }

    private static JsonObject Resource(GcsTestObject o)
    {
        var created = o.Created.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        var resource = new JsonObject
        {
            ["kind"] = "storage#object",
            ["id"] = $"{o.Bucket}/{o.Name}/{o.Generation}",
            ["name"] = o.Name,
            ["bucket"] = o.Bucket,
            ["generation"] = o.Generation.ToString(),
            ["metageneration"] = "1",
            ["contentType"] = "application/octet-stream",
            ["size"] = o.Data.Length.ToString(),
            ["crc32c"] = o.Crc32c,
            ["etag"] = Convert.ToBase64String(BitConverter.GetBytes(o.Generation)),
            ["timeCreated"] = created,
            ["updated"] = created,
        };
        if (o.Md5 is { } md5)
        {
            resource["md5Hash"] = md5;
        }
        else
        {
            resource["componentCount"] = o.ComponentCount;
        }

        return resource;
    }

    private static (long Start, long? End)? Range(string header, long size)
    {
        if (!header.StartsWith("bytes=", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header[6..].Split('-', 2);
        if (parts[0].Length == 0)
        {
            var suffix = long.Parse(parts[1]);
            return (Math.Max(0, size - suffix), null);
        }

        return (long.Parse(parts[0]), parts[1].Length == 0 ? null : long.Parse(parts[1]));
    }

    private static Task Json(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    private static Task Error(HttpContext context, int status, string reason, string message) =>
        Json(context, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = status,
                ["message"] = message,
                ["errors"] = new JsonArray(new JsonObject { ["domain"] = "global", ["reason"] = reason, ["message"] = message }),
            },
        }, status);
}
