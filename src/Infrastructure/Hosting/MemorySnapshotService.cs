using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Storage.Memory;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>
/// <c>storage.memory.persistence: snapshot</c>: writes the memory backend's blobs to the snapshot file every
/// <c>snapshot_interval_seconds</c> (0 = never on a timer) and once more at shutdown. Spec 95 #26: between
/// snapshots the memory backend is best effort; a crash loses what was written since the last one, and start-up
/// removes the rows that name those bytes (StorageReconciler).
/// </summary>
internal sealed partial class MemorySnapshotService(MemoryObjectStorage storage, MemoryStorageConfig config, ILogger<MemorySnapshotService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.SnapshotIntervalSeconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(config.SnapshotIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await WriteAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(CancellationToken.None).ConfigureAwait(false);
    }

    internal async Task WriteAsync(CancellationToken ct)
    {
        await _writing.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var blobs = storage.Blobs();
            await Task.Run(() => MemorySnapshotFile.Write(config.SnapshotPath, blobs, ct), ct).ConfigureAwait(false);
            LogWritten(logger, blobs.Count, config.SnapshotPath);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The previous snapshot is still whole; the next tick tries again.
            LogFailed(logger, config.SnapshotPath, e);
        }
        finally
        {
            _writing.Release();
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Memory snapshot written: {count} blobs to {path}")]
    private static partial void LogWritten(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Writing the memory snapshot to {path} failed; the previous snapshot is kept")]
    private static partial void LogFailed(ILogger logger, string path, Exception e);
}
