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

    public static void Configure(ILoggingBuilder logging, LoggingConfig config)
    {
        var level = ToSerilog(config.Level);
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            // Framework chatter stays out unless it is a problem; start/stop lines are kept.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // A config problem found while starting (e.g. the storage upstream rejects the bucket) is reported by
            // Program as one line naming the key; the host's own "failed to start" log would repeat it with a stack trace.
            .Filter.ByExcluding(static e => e.Exception is Infrastructure.Configuration.ConfigException);
        serilog = config.Format == LogFormat.Json
            ? serilog.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose)
            : serilog.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: CultureInfo.InvariantCulture, standardErrorFromLevel: LogEventLevel.Verbose);

        logging.ClearProviders();
        logging.SetMinimumLevel(ToMicrosoft(config.Level));
        logging.AddSerilog(serilog.CreateLogger(), dispose: true);
    }

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
