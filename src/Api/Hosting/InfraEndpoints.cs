using System.Diagnostics;
using System.Text.Json;
using BleepStore.Api.Configuration;
using BleepStore.Api.Xml;
using BleepStore.Application.Abstractions;

namespace BleepStore.Api.Hosting;

/// <summary>
/// <c>/healthz</c>, <c>/readyz</c> and <c>/health</c> (spec 70): exact paths, before S3 routing, no auth.
/// </summary>
internal sealed class InfraEndpoints(
    IMetadataStore metadata, IObjectStorage storage, ObservabilityConfig observability, RequestDelegate s3)
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static bool IsInfraPath(PathString path) =>
        path.Value is "/health" or "/healthz" or "/readyz" or "/metrics";

    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not ("/health" or "/healthz" or "/readyz" or "/metrics" or "/openapi.json"))
        {
            return s3(context);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            throw new Domain.Errors.S3Exception(Domain.Errors.S3Errors.MethodNotAllowed);
        }

        return path switch
        {
            // Served by the Prometheus exporter before this point when metrics are on.
            "/metrics" => Status(context, 404),
            "/openapi.json" => OpenApiAsync(context),
            "/healthz" => Status(context, observability.HealthCheck ? 200 : 404),
            "/readyz" => observability.HealthCheck ? ReadyAsync(context) : Status(context, 404),
            _ => HealthAsync(context),
        };
    }

    private static Task OpenApiAsync(HttpContext context)
    {
        var request = context.Request;
        var body = Observability.OpenApiDocument.Render($"{request.Scheme}://{request.Host.Value}");
        return WriteAsync(context, "application/json", body);
    }

    private static async Task WriteAsync(HttpContext context, string contentType, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task ReadyAsync(HttpContext context)
    {
        var (metadataCheck, storageCheck) = await RunChecksAsync(context.RequestAborted).ConfigureAwait(false);
        await Status(context, metadataCheck.Error is null && storageCheck.Error is null ? 200 : 503).ConfigureAwait(false);
    }

    private async Task HealthAsync(HttpContext context)
    {
        using var buffer = new PooledBufferStream(512);
        var status = 200;
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (!observability.HealthCheck)
            {
                json.WriteString("status", "ok");
            }
            else
            {
                var (metadataCheck, storageCheck) = await RunChecksAsync(context.RequestAborted).ConfigureAwait(false);
                var healthy = metadataCheck.Error is null && storageCheck.Error is null;
                status = healthy ? 200 : 503;
                json.WriteString("status", healthy ? "ok" : "degraded");
                json.WriteStartObject("checks");
                WriteCheck(json, "metadata", metadataCheck);
                WriteCheck(json, "storage", storageCheck);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task<(CheckResult Metadata, CheckResult Storage)> RunChecksAsync(CancellationToken aborted)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        cts.CancelAfter(CheckTimeout);
        var metadataTask = CheckAsync(static (m, _, ct) => m.PingAsync(ct), metadata, storage, cts.Token);
        var storageTask = CheckAsync(static (_, s, ct) => s.CheckHealthAsync(ct), metadata, storage, cts.Token);
        return (await metadataTask.ConfigureAwait(false), await storageTask.ConfigureAwait(false));
    }

    private static async Task<CheckResult> CheckAsync(Func<IMetadataStore, IObjectStorage, CancellationToken, Task> check, IMetadataStore m, IObjectStorage s, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await check(m, s, ct).ConfigureAwait(false);
            return new CheckResult(null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        catch (Exception e)
        {
            var message = e is OperationCanceledException ? "timed out" : e.Message;
            return new CheckResult(message, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    private static void WriteCheck(Utf8JsonWriter json, string name, CheckResult check)
    {
        json.WriteStartObject(name);
        json.WriteString("status", check.Error is null ? "ok" : "error");
        if (check.Error is not null)
        {
            json.WriteString("error", check.Error);
        }

        json.WriteNumber("latency_ms", Math.Round(check.LatencyMs, 2));
        json.WriteEndObject();
    }

    private static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        return Task.CompletedTask;
    }

    private readonly record struct CheckResult(string? Error, double LatencyMs);
}
