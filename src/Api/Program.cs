using BleepStore.Api.Configuration;
using BleepStore.Api.Hosting;

// Start-up, crash-only (spec 70): config → open metadata (schema) → seed credentials → storage recovery → listen.
// The middle three run in BleepStoreStartup, a hosted service, before Kestrel starts listening.
// Subcommands of the same executable: they work on the data directly and exit.
if (args is ["meta", ..] or ["fsck", ..])
{
    return BleepStore.Api.Cli.Subcommands.Run(args);
}

BleepStoreConfig config;
try
{
    var cli = CommandLineOptions.Parse(args);
    if (cli.ShowHelp)
    {
        Console.Out.WriteLine(CommandLineOptions.Usage);
        return 0;
    }

    if (cli.ShowVersion)
    {
        Console.Out.WriteLine($"bleepstore {VersionInfo.Version} (commit {VersionInfo.Commit})");
        return 0;
    }

    config = ConfigLoader.Load(cli, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
    foreach (var warning in config.Warnings)
    {
        Console.Error.WriteLine($"bleepstore: warning: {warning}");
    }
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"bleepstore: invalid config: {e.Message}");
    return 1;
}

WebApplication app;
try
{
    app = S3Server.Build(config, args);
    await app.StartAsync();
}
catch (ConfigException e)
{
    Console.Error.WriteLine($"bleepstore: invalid config: {e.Message}");
    return 1;
}
catch (IOException e)
{
    Console.Error.WriteLine($"bleepstore: cannot listen on {config.Server.Host}:{config.Server.Port}: {e.Message}");
    return 1;
}

await app.WaitForShutdownAsync();

// Disposing the container flushes what is buffered (OTLP spans) and closes the adapters.
await app.DisposeAsync();
return 0;

/// <summary>Entry point; public and partial so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
