using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;
using BleepStore.Api.Http;
using BleepStore.Api.S3;
using BleepStore.Application.Abstractions;

// Start-up, crash-only (spec 70): config → open metadata (schema) → seed credential → storage recovery → listen.
BleepStoreConfig config;
try
{
    var cli = CommandLineOptions.Parse(args);
    if (cli.ShowHelp)
    {
        Console.Out.WriteLine(CommandLineOptions.Usage);
        return 0;
    }

    config = ConfigLoader.Load(cli, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"bleepstore: invalid config: {e.Message}");
    return 1;
}

// The empty builder: no appsettings.json (and its file watcher), no environment-variable or command-line
// configuration sources, no console logger to remove again; Kestrel is added by hand. Content root and
// environment name are what the default builder would pick, so the start-up lines read the same.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = Environment.CurrentDirectory,
    EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"),
});
builder.WebHost.UseKestrelCore();
LoggingSetup.Configure(builder.Logging, config.Logging);
builder.WebHost.ConfigureKestrel(kestrel => KestrelSetup.Configure(kestrel, config.Server));
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.Server.ShutdownTimeoutSeconds));
builder.Services.AddBleepStore(config);

var app = builder.Build();
try
{
    await StartupRecovery.RunAsync(app.Services, config, CancellationToken.None);
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"bleepstore: invalid config: {e.Message}");
    return 1;
}

var errors = app.Services.GetRequiredService<ErrorResponder>();
var commonLogger = app.Services.GetRequiredService<ILogger<CommonHeadersMiddleware>>();
var s3 = app.Services.GetRequiredService<S3RequestHandler>();
var infra = new InfraEndpoints(
    app.Services.GetRequiredService<IMetadataStore>(),
    app.Services.GetRequiredService<IObjectStorage>(),
    config.Observability,
    app.Services.GetService<BleepStore.Api.Observability.MetricsRegistry>(),
    s3.HandleAsync);

// Outermost first: metrics see the final status (after the error writer), then the common headers.
if (app.Services.GetService<BleepStore.Api.Observability.MetricsRegistry>() is { } metrics)
{
    app.Use(next => new BleepStore.Api.Observability.HttpMetricsMiddleware(next, metrics).InvokeAsync);
}

app.Use(next => new CommonHeadersMiddleware(next, errors, commonLogger).InvokeAsync);

// /docs: Swagger UI for /openapi.json, built on the first /docs request.
app.UseDocsOnFirstRequest();
app.Run(infra.InvokeAsync);

try
{
    await app.StartAsync();
}
catch (IOException e)
{
    Console.Error.WriteLine($"bleepstore: cannot listen on {config.Server.Host}:{config.Server.Port}: {e.Message}");
    return 1;
}

await app.WaitForShutdownAsync();
return 0;

/// <summary>Entry point; public and partial so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
