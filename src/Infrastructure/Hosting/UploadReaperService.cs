using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Application.Uploads;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>
/// Aborts multipart uploads older than seven days, at start-up and then every interval (an hour in the server) (spec 30
/// "Reaping", 95 #36): clients that never abort must not leave parts behind forever. The same pass sweeps orphaned
/// blobs daily. In a cluster only the node holding the background lease does either (<see cref="IBackgroundLease"/>,
/// docs/cluster.md): the others skip the pass and ask again at the next tick.
/// </summary>
internal sealed partial class UploadReaperService(UploadReaper reaper, StorageReconciler reconciler, IBackgroundLease lease, ILogger<UploadReaperService> logger, TimeSpan interval) : BackgroundService
{
    // The orphan sweep reads every row of every bucket: once at start-up and then daily, not every pass.
    private static readonly TimeSpan SweepInterval = TimeSpan.FromHours(24);

    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: the host starts listening without waiting for the first pass.
        await Task.Yield();
        using var timer = new PeriodicTimer(interval);
        do
        {
            if (!await HoldsLeaseAsync(stoppingToken).ConfigureAwait(false))
            {
                continue;
            }

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

            await SweepOrphansIfDueAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task<bool> HoldsLeaseAsync(CancellationToken ct)
    {
        try
        {
            return await lease.TryHoldAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
            return false;
        }
    }

    private async Task SweepOrphansIfDueAsync(CancellationToken ct)
    {
        if (DateTimeOffset.UtcNow - _lastSweep < SweepInterval)
        {
            return;
        }

        _lastSweep = DateTimeOffset.UtcNow;
        try
        {
            await reconciler.SweepOrphansAsync(StorageReconciler.DefaultGrace, ct).ConfigureAwait(false);
        }
        catch (NotSupportedException e)
        {
            LogSweepUnsupported(logger, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogSweepFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "No orphan sweep: {reason}")]
    private static partial void LogSweepUnsupported(ILogger logger, string reason);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "Sweeping orphaned blobs failed; will retry")]
    private static partial void LogSweepFailed(ILogger logger, Exception e);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Reaped {count} expired multipart uploads")]
    private static partial void LogReaped(ILogger logger, int count);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Reaping expired multipart uploads failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
