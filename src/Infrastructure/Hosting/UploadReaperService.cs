using BleepStore.Application.Uploads;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>
/// Aborts multipart uploads older than seven days, at start-up and then every interval (an hour in the server) (spec 30
/// "Reaping", 95 #36): clients that never abort must not leave parts behind forever.
/// </summary>
internal sealed partial class UploadReaperService(UploadReaper reaper, ILogger<UploadReaperService> logger, TimeSpan interval) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host starts listening without waiting for the first pass.
        await Task.Yield();
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var reaped = await reaper.ReapAsync(UploadReaper.DefaultMaxAge, stoppingToken).ConfigureAwait(false);
                if (reaped > 0)
                {
                    LogReaped(logger, reaped);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Reaped {count} expired multipart uploads")]
    private static partial void LogReaped(ILogger logger, int count);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Reaping expired multipart uploads failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
