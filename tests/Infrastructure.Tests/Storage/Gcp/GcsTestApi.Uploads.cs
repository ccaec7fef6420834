using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Infrastructure.Tests.Storage.Gcp;

/// <summary>uploadType=media, multipart and resumable (session URI, 308 with Range, final 200).</summary>
internal sealed partial class GcsTestApi
{
    private async Task UploadAsync(HttpContext context, string bucket)
    {
        var query = context.Request.Query;
        var conditions = Preconditions.From(query);
        switch (query["uploadType"].ToString())
        {
            case "media":
                await Create(context, bucket, query["name"].ToString(), await ReadAllAsync(context.Request.Body), 1, conditions);
                return;
            case "multipart":
                await MultipartAsync(context, bucket, conditions);
                return;
            case "resumable":
                var metadata = await ReadAllAsync(context.Request.Body) is { Length: > 0 } json ? JsonNode.Parse(json) : null;
                var name = metadata?["name"]?.GetValue<string>() ?? query["name"].ToString();
                if (name.Length == 0)
                {
                    await Error(context, 400, "required", "Required: object name");
                    return;
                }

                var id = Guid.NewGuid().ToString("N");
                lock (store.Gate)
                {
                    store.Sessions[id] = new GcsTestSession(bucket, name, conditions);
                }

                var request = context.Request;
                context.Response.Headers.Location = $"{request.Scheme}://{request.Host}/upload/storage/v1/b/{Uri.EscapeDataString(bucket)}/o?uploadType=resumable&upload_id={id}";
                context.Response.StatusCode = 200;
                return;
            default:
                await Error(context, 400, "invalid", "Unknown uploadType");
                return;
        }
    }

    private async Task MultipartAsync(HttpContext context, string bucket, Preconditions conditions)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(context.Request.ContentType).Boundary).Value!;
        var reader = new MultipartReader(boundary, context.Request.Body);
        var metadata = await reader.ReadNextSectionAsync() ?? throw new System.Text.Json.JsonException("no metadata part");
        var json = await JsonNode.ParseAsync(metadata.Body);
        var media = await reader.ReadNextSectionAsync() ?? throw new System.Text.Json.JsonException("no media part");
        await Create(context, bucket, json?["name"]?.GetValue<string>() ?? "", await ReadAllAsync(media.Body), 1, conditions);
    }

    /// <summary>One chunk: <c>Content-Range: bytes a-b/*</c> (more to come), <c>bytes a-b/N</c> or <c>bytes */N</c> (last).</summary>
    private async Task ResumeAsync(HttpContext context)
    {
        GcsTestSession? session;
        var id = context.Request.Query["upload_id"].ToString();
        lock (store.Gate)
        {
            session = store.Sessions.GetValueOrDefault(id);
        }

        if (session is null)
        {
            await Error(context, 404, "notFound", "No such upload session.");
            return;
        }

        var chunk = await ReadAllAsync(context.Request.Body);
        var range = context.Request.Headers.ContentRange.ToString();
        long? total = null;
        if (range.StartsWith("bytes ", StringComparison.Ordinal))
        {
            var spec = range[6..].Split('/', 2);
            total = spec[1] == "*" ? null : long.Parse(spec[1]);
            if (spec[0] != "*" && long.Parse(spec[0].Split('-')[0]) != session.Data.Length)
            {
                await Error(context, 400, "invalid", "Chunk does not start where the upload stands.");
                return;
            }
        }
        else if (range.Length == 0)
        {
            total = chunk.Length;
        }

        session.Data.Write(chunk);
        if (total is null || session.Data.Length < total)
        {
            context.Response.StatusCode = 308;
            if (session.Data.Length > 0)
            {
                context.Response.Headers.Range = $"bytes=0-{session.Data.Length - 1}";
            }

            return;
        }

        lock (store.Gate)
        {
            store.Sessions.Remove(id);
        }

        await Create(context, session.Bucket, session.Name, session.Data.ToArray(), 1, session.Conditions);
    }

    private static async Task<byte[]> ReadAllAsync(Stream body)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
