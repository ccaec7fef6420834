using BleepStore.Api.Configuration;
using BleepStore.Application.Abstractions;
using BleepStore.Api.Hosting;
using BleepStore.Application.Diagnostics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OpenTelemetry.Resources;

namespace BleepStore.Api.Observability;

/// <summary>
/// The OpenTelemetry SDK for the server: the BleepStore meters, .NET runtime and process metrics, and the
/// Prometheus exporter behind <c>/metrics</c>. Nothing is registered when <c>observability.metrics</c> is false.
/// </summary>
internal static class TelemetrySetup
{
    public static IServiceCollection AddBleepStoreTelemetry(this IServiceCollection services, BleepStoreConfig config, string instance)
    {
        var observability = config.Observability;
        if (!observability.Metrics && observability.OtlpEndpoint is null)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("bleepstore", serviceVersion: VersionInfo.Version));
        if (observability.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                // The HTTP server span is the root: method, route shape, status code. Its url.query (presigned
                // requests carry X-Amz-Signature and X-Amz-Credential there) is dropped, not merely redacted.
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = static context => !InfraEndpoints.IsInfraPath(context.Request.Path);
                    o.EnrichWithHttpRequest = static (activity, _) => activity.SetTag("url.query", null);
                })
                .AddSource(BleepStoreTracing.SourceName)
                .AddOtlpExporter(o =>
                {
                    o.Protocol = observability.OtlpProtocol == OtlpProtocolName.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                    o.Endpoint = TracesEndpoint(endpoint, o.Protocol);
                }));
        }

        if (!observability.Metrics)
        {
            return services;
        }

        services.AddSingleton(sp => new HttpMetrics(HttpMetrics.MeterName + instance, sp.GetRequiredService<IMetadataStore>().CountAsync));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(BleepStoreMetrics.DefaultMeterName + instance, HttpMetrics.MeterName + instance);
            if (observability.RuntimeMetrics)
            {
                // Off by default (observability.runtime_metrics): the two instrumentations add ~1.4 MiB of idle RSS.
                metrics.AddRuntimeInstrumentation().AddProcessInstrumentation();
            }

            metrics.AddPrometheusExporter(o =>
                {
                    // Each scrape is collected fresh (the default caches 300 ms), and labels are exactly spec 70's:
                    // no otel_scope_* labels on every series.
                    o.ScrapeResponseCacheDurationMilliseconds = 0;
                    o.ScopeInfoEnabled = false;
                });
        });
        return services;
    }

    /// <summary>
    /// OTLP/HTTP takes the full URL of the traces resource: a collector's base URL (<c>http://host:4318</c>) gets
    /// <c>/v1/traces</c>, a URL with a path is taken as it is. gRPC takes the base URL.
    /// </summary>
    public static Uri TracesEndpoint(Uri configured, OtlpExportProtocol protocol) =>
        protocol == OtlpExportProtocol.HttpProtobuf && configured.AbsolutePath is "/" or ""
            ? new Uri(configured, "/v1/traces")
            : configured;

    /// <summary><c>GET|HEAD /metrics</c>: refreshes the object and bucket gauges from the store, then the exporter answers.</summary>
    public static void UseMetricsEndpoint(this IApplicationBuilder app, HttpMetrics metrics)
    {
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: static context => context.Request.Path.Value == "/metrics"
                && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                await metrics.RefreshGaugesAsync(context.RequestAborted).ConfigureAwait(false);
                var response = context.Response;
                var original = response.Body;
                using var buffer = new MemoryStream();
                response.Body = buffer;
                try
                {
                    await next(context).ConfigureAwait(false);
                }
                finally
                {
                    response.Body = original;
                }

                if (response.StatusCode == 200 && response.ContentType?.StartsWith("text/plain", StringComparison.Ordinal) == true)
                {
                    EmptyFamilies.AppendMissing(buffer);
                }

                if (!HttpMethods.IsHead(context.Request.Method))
                {
                    response.ContentLength = buffer.Length;
                    buffer.Position = 0;
                    await buffer.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
                }
            }),
            optionsName: null);
    }
}
