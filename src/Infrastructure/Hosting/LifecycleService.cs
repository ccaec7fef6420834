using BleepStore.Application.Abstractions;
using BleepStore.Application.Lifecycle;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>
/// Runs the lifecycle worker at start-up and then every interval (<c>lifecycle.scan_interval_seconds</c>). A pass keeps no
/// progress of its own: after a crash the first pass finds whatever is still due (docs/lifecycle.md). In a cluster only
/// the node holding the background lease runs a pass (<see cref="IBackgroundLease"/>, docs/cluster.md).
/// </summary>
internal sealed partial class LifecycleService(LifecycleWorker worker, IBackgroundLease lease, ILogger<LifecycleService> logger, TimeSpan interval) : BackgroundService
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
                if (!await lease.TryHoldAsync(stoppingToken).ConfigureAwait(false))
                {
                    continue;
                }

                await worker.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Applying lifecycle rules failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
