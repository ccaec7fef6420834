using System.Globalization;
using BleepStore.Api.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace BleepStore.Api.Hosting;

/// <summary>Serilog to stderr, text or JSON lines (spec 70), plugged in as the only logging provider.</summary>
internal static class LoggingSetup
{
    private const string TextTemplate = "{Timestamp:yyyy-MM-ddTHH:mm:ss.fffzzz} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>Plugs Serilog in as the only provider; returns the logger, for the request-logging middleware.</summary>
    public static Serilog.ILogger Configure(ILoggingBuilder logging, LoggingConfig config)
    {
        var level = ToSerilog(config.Level);
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Framework chatter stays out unless it is a problem; start/stop lines are kept.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information);
        foreach (var (source, sourceLevel) in config.Levels)
        {
            serilog = serilog.MinimumLevel.Override(source, ToSerilog(sourceLevel));
        }

        serilog = serilog
            // Requests to /metrics and the health endpoints are not logged (spec 70).
            .Filter.ByExcluding(static e => e.Properties.ContainsKey(RequestLogging.SkipProperty))
            // A config problem found while starting (e.g. the storage upstream rejects the bucket) is reported by
            // Program as one line naming the key; the host's own "failed to start" log would repeat it with a stack trace.
            .Filter.ByExcluding(static e => e.Exception is Infrastructure.Configuration.ConfigException);
        serilog = config.Format == LogFormat.Json
            ? serilog.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
            : serilog.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: LogEventLevel.Verbose);

        var logger = serilog.CreateLogger();
        logging.ClearProviders();
        logging.SetMinimumLevel(ToMicrosoft(Lowest(config)));
        logging.AddSerilog(logger, dispose: true);
        return logger;
    }

    /// <summary>The lowest level any source may log at: Microsoft's filter must let it through to Serilog.</summary>
    private static LogLevelName Lowest(LoggingConfig config) =>
        config.Levels.Count == 0 ? config.Level : (LogLevelName)Math.Min((int)config.Level, config.Levels.Values.Min(l => (int)l));

    private static LogEventLevel ToSerilog(LogLevelName level) => level switch
    {
        LogLevelName.Trace => LogEventLevel.Verbose,
        LogLevelName.Debug => LogEventLevel.Debug,
        LogLevelName.Info => LogEventLevel.Information,
        LogLevelName.Warn => LogEventLevel.Warning,
        LogLevelName.Error => LogEventLevel.Error,
        _ => LogEventLevel.Fatal,
    };

    private static LogLevel ToMicrosoft(LogLevelName level) => level switch
    {
        LogLevelName.Trace => LogLevel.Trace,
        LogLevelName.Debug => LogLevel.Debug,
        LogLevelName.Info => LogLevel.Information,
        LogLevelName.Warn => LogLevel.Warning,
        LogLevelName.Error => LogLevel.Error,
        _ => LogLevel.Critical,
    };
}
