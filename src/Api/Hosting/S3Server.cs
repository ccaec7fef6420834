using BleepStore.Api.Configuration;
using BleepStore.Api.Http;
using BleepStore.Application.Abstractions;

namespace BleepStore.Api.Hosting;

/// <summary>
/// The S3 server as a <see cref="WebApplication"/>, built the same way for <c>Program</c> and for hosts that run it
/// in-process (BleepStore.Testing). Throws <see cref="Infrastructure.Configuration.ConfigException"/> when an
/// adapter cannot be opened; start-up recovery runs as a hosted service when the app starts.
/// </summary>
public static class S3Server
{
    /// <param name="configureLogging">Replaces the configured Serilog console logging (e.g. to keep a test run quiet).</param>
    public static WebApplication Build(BleepStoreConfig config, string[]? args = null, Action<ILoggingBuilder>? configureLogging = null)
    {
        ArgumentNullException.ThrowIfNull(config);

        // The empty builder: no appsettings.json (and its file watcher), no environment-variable or command-line
        // configuration sources, no console logger to remove again; Kestrel is added by hand. Content root and
        // environment name are what the default builder would pick, so the start-up lines read the same.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = Environment.CurrentDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
        });
        builder.WebHost.UseKestrelCore();
        Serilog.ILogger? serilog = null;
        if (configureLogging is null)
        {
            serilog = LoggingSetup.Configure(builder.Logging, config.Logging);
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.WebHost.ConfigureKestrel(kestrel => KestrelSetup.Configure(kestrel, config.Server));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.Server.ShutdownTimeoutSeconds));
        builder.Services.AddBleepStoreServer(config);
        builder.Services.AddRequestLogging(serilog);

        var app = builder.Build();
        var services = app.Services;
        var s3 = services.GetRequiredService<S3.S3RequestHandler>();
        var metrics = services.GetService<Observability.HttpMetrics>();
        var infra = new InfraEndpoints(
            services.GetRequiredService<IMetadataStore>(),
            services.GetRequiredService<IObjectStorage>(),
            config.Observability,
            s3.HandleAsync);

        // Outermost first: metrics see the final status (after the error writer), then the common headers.
        if (metrics is not null)
        {
            app.Use(next => new Observability.HttpMetricsMiddleware(next, metrics, config.Server.AdminToken is not null).InvokeAsync);
        }

        // The request log sees the final status too (one line per request; infra paths skipped).
        RequestLogging.Use(app, serilog);

        var errors = services.GetRequiredService<ErrorResponder>();
        app.Use(next => new CommonHeadersMiddleware(next, errors).InvokeAsync);

        // GET|HEAD /metrics: the OpenTelemetry Prometheus exporter (other methods fall through to MethodNotAllowed).
        if (metrics is not null)
        {
            Observability.TelemetrySetup.UseMetricsEndpoint(app, metrics);
        }

        // /docs: Swagger UI for /openapi.json, built on the first /docs request.
        app.UseDocsOnFirstRequest();
        // The admin API (server.admin_token set): its own listener, or /admin on this one; else everything is S3's.
        app.Run(Admin.AdminSetup.Dispatch(config, services.GetService<Admin.AdminEndpoints>(), infra.InvokeAsync));
        return app;
    }
}
