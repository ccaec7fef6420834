using BleepStore.Application.Abstractions;
using BleepStore.Application.Objects;
using BleepStore.Domain.Credentials;
using Microsoft.Extensions.Hosting;

namespace BleepStore.Infrastructure.Hosting;

/// <summary>
/// The one start-up path (spec 70, crash-only): open the metadata store (schema created or migrated), upsert the
/// seeded credential and the configured extra ones, let storage remove what a crash left half-written. No
/// recovery flag: every start does the same. Runs as a hosted service, so a generic host or a web host does it
/// before it serves; a host without one calls <see cref="RunAsync"/> (or <c>InitializeBleepStoreAsync</c>).
/// In a cluster (<see cref="IBackgroundLease.Shared"/>, docs/cluster.md) other nodes are serving while this one starts:
/// storage recovery removes only this node's temp files (each node writes its own temp directory), and only key
/// claims older than <see cref="KeyPublisher.ClaimLease"/> are taken over, never a claim a live node holds.
/// </summary>
public sealed class BleepStoreStartup(BleepStoreOptions options, IMetadataStore metadata, IObjectStorage storage, IClock clock, StorageReconciler reconciler, KeyPublisher? keys = null, IBackgroundLease? lease = null) : IHostedService
{
    private readonly SemaphoreSlim _once = new(1, 1);
    private bool _done;

    /// <summary>Idempotent: the second and later calls return at once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await _once.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_done)
            {
                return;
            }

            var auth = options.Auth;
            await SeedAsync(new Credential(auth.AccessKey, auth.SecretKey, options.SeededOwner, Active: true, clock.UtcNow), ct).ConfigureAwait(false);
            foreach (var extra in auth.Credentials)
            {
                var owner = new Domain.Access.Owner(extra.AccessKey, extra.DisplayName);
                await SeedAsync(new Credential(extra.AccessKey, extra.SecretKey, owner, Active: true, clock.UtcNow), ct).ConfigureAwait(false);
            }

            await storage.RecoverAsync(ct).ConfigureAwait(false);
            if (keys is not null)
            {
                // Before serving (one node): every key claim a crash left is finished from its row (decision 0010).
                // A cluster node takes over only expired claims: a younger one may be held by a live node.
                await keys.ReconcileClaimsAsync(lease is { Shared: true } ? KeyPublisher.ClaimLease : null, ct).ConfigureAwait(false);
                if (lease is not { Shared: true })
                {
                    // And every row a crash left naming a staging blob before its key was claimed: with no write in
                    // flight, all of them (a cluster node leaves them to the orphan sweep's grace: peers are writing).
                    await reconciler.PublishStagedRowsAsync(ct).ConfigureAwait(false);
                }
            }
            if (storage.LosesBlobsOnRestart)
            {
                // Before serving: no object may be listed whose bytes did not survive the restart.
                await reconciler.DropRowsWithoutBytesAsync(ct).ConfigureAwait(false);
            }

            _done = true;
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>
    /// A config key is written with the config's secret and owner; a key the store has already keeps the status and
    /// note an operator gave it through the admin API (a disabled key stays disabled across restarts).
    /// </summary>
    private async Task SeedAsync(Credential configured, CancellationToken ct)
    {
        var existing = await metadata.GetCredentialAsync(configured.AccessKeyId, ct).ConfigureAwait(false);
        var seeded = existing is null ? configured : configured with { Active = existing.Active, Description = existing.Description, CreatedAt = existing.CreatedAt };
        if (seeded != existing)
        {
            await metadata.UpsertCredentialAsync(seeded, ct).ConfigureAwait(false);
        }
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
