using BleepStore.Application.Abstractions;
using BleepStore.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace BleepStore.Application.Objects;

/// <summary>
/// Keeps each key's upstream object (<c>{prefix}{bucket}/{key}</c>) in line with the key's row on a gateway that
/// names objects by key (<see cref="IKeyNamedStorage"/>, decision 0010). Every change of a key's upstream name
/// happens here, under a key claim in the metadata store, which is written before the name is touched:
/// <list type="bullet">
/// <item>row names a staging blob → copy it to the key's name, repoint the row at the copy (and drop the claim) in
/// one transaction, delete the staging blob;</item>
/// <item>row names the key's name already → nothing;</item>
/// <item>no row (or an inline one) → delete the key's name.</item>
/// </list>
/// A crash at any step leaves the claim; start-up (<see cref="ReconcileClaimsAsync"/>) repeats the step from the
/// row. A crash after a write's commit and before its claim leaves a row naming a staging blob and no claim: start-up
/// publishes every such row too (<see cref="StorageReconciler.PublishStagedRowsAsync"/>). The row always names whole bytes: a staging blob is deleted only after the row stops naming it, and the
/// key's name is overwritten only while no row names it (the row names the staging blob then). With other
/// backends, or a gateway configured with blob-id names, everything here does nothing.
/// </summary>
public sealed partial class KeyPublisher(IMetadataStore store, IObjectStorage storage, IClock clock, ILogger<KeyPublisher> logger)
{
    /// <summary>A claim older than this is taken over by the next writer of its key (its holder crashed or hung).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(15);

    private const int MaxRounds = 5;
    private const int ClaimsPage = 1000;
    private static readonly TimeSpan MaxClaimWait = TimeSpan.FromMinutes(2);

    // The host may wrap the adapter (timing, tracing); key names are a capability of the adapter itself.
    private readonly IKeyNamedStorage? _named = Diagnostics.InstrumentedObjectStorage.Unwrap(storage) is IKeyNamedStorage { KeyNames: true } named ? named : null;

    /// <summary>True when the storage names upstream objects by key.</summary>
    public bool Enabled => _named is not null;

    /// <summary>The key a key-named blob id names; null for every other id (and when disabled).</summary>
    public string? KeyOf(string blobId) => _named?.KeyOf(blobId);

    /// <summary>
    /// Brings the key's upstream object in line with its row: after a write committed a row (publish it), or
    /// after a row naming the key's object was replaced or deleted. Waits for another holder's claim. Upstream
    /// failures are logged, not thrown: the row stays readable where it is and the claim is retried later.
    /// </summary>
    public async Task SyncAsync(string bucket, string key, CancellationToken ct)
    {
        if (_named is null || !_named.CanName(bucket, key) || await ClaimAsync(bucket, key, ct).ConfigureAwait(false) is not { } token)
        {
            return;
        }

        await SyncClaimedAsync(bucket, key, token, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Multipart Complete straight into the key's upstream name (<see cref="IKeyNamedStorage.ConcatenateToKeyAsync"/>:
    /// no staging blob, no publication copy), where that keeps the invariants above: under the key's claim, and only
    /// while no row names the key's name (a new key, a deleted one, or a row still naming a staging blob). An
    /// overwrite of a published object returns null and the caller takes the staging path, so the older object stays
    /// whole until the new row commits. <paramref name="commit"/> commits the row naming the joined blob. Whatever
    /// happens next (commit, a failed condition, a missing part, a crash: start-up takes the claim over), the key's
    /// name is then brought in line with the row, as <see cref="SyncAsync"/> does.
    /// </summary>
    public async Task<T?> CompleteInPlaceAsync<T>(string bucket, string key, IReadOnlyList<string> partBlobIds, Func<StoredBlob, Task<T>> commit, CancellationToken ct)
        where T : class
    {
        if (_named is null || !_named.CanName(bucket, key) || await ClaimAsync(bucket, key, ct).ConfigureAwait(false) is not { } token)
        {
            return null;
        }

        try
        {
            var row = await store.GetObjectAsync(bucket, key, ct).ConfigureAwait(false);
            if (row is { InlineData: null, BlobId.Length: > 0 } && _named.KeyOf(row.BlobId) is not null)
            {
                return null;
            }

            StoredBlob joined;
            try
            {
                joined = await _named.ConcatenateToKeyAsync(bucket, key, partBlobIds, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not (BlobNotFoundException or OperationCanceledException))
            {
                // The upstream refused the key's name (too long for it, say) or failed: the staging path still
                // completes the upload, and publication is retried (and logged) as for any write.
                LogInPlaceFailed(logger, e, bucket, key);
                return null;
            }

            return await commit(joined).ConfigureAwait(false);
        }
        finally
        {
            await SyncClaimedAsync(bucket, key, token, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How often a claim held across a streamed write (<see cref="WriteInPlaceAsync{T}"/>) is renewed, so a PUT whose
    /// body takes longer than <see cref="ClaimLease"/> to arrive is not taken over. Settable for tests.
    /// </summary>
    public TimeSpan ClaimRenewal { get; init; } = ClaimLease / 3;

    /// <summary>
    /// PutObject (and POST) of a key no row names the upstream name of: the body streams straight into the key's name
    /// (<see cref="IKeyNamedStorage.WriteToKeyAsync"/>: no staging blob, no publication copy, no staging delete), under
    /// the key's claim, checked again under it; <paramref name="commit"/> commits the row naming the written blob.
    /// Returns null, without reading a byte of <paramref name="body"/>, when that would break the invariants above or
    /// cost a wait: an overwrite of a published object (its bytes must stay whole until the new row commits), a key the
    /// upstream cannot name, or a key claimed by another writer; the caller then takes the staging path. Whatever
    /// happens once the body is read (commit, a refused condition, a bad digest, a client gone, a crash: start-up takes
    /// the claim over), the key's name is then brought in line with the row, as <see cref="SyncAsync"/> does, and
    /// the claim dropped. The claim is renewed while the body streams; should it be lost all the same (the process
    /// stalled past the lease and another writer took it over), nothing is committed and the write fails.
    /// </summary>
    public Task<T?> WriteInPlaceAsync<T>(string bucket, string key, Stream body, Func<StoredBlob, Task<T>> commit, CancellationToken ct)
        where T : class =>
        InPlaceAsync(bucket, key, (named, t) => named.WriteToKeyAsync(bucket, key, body, t), commit, declineOnFailure: false, ct);

    /// <summary>
    /// CopyObject (server-side) to a key no row names the upstream name of: the source blob is copied upstream straight
    /// into the key's name (<see cref="IKeyNamedStorage.CopyToKeyAsync"/>: no staging blob, no publication copy, no
    /// staging delete), under the key's claim and with the same rules as <see cref="WriteInPlaceAsync{T}"/>: null (the
    /// caller takes the staging path) for an overwrite of a published object, a key the upstream cannot name or one
    /// another writer holds; <paramref name="commit"/> commits the row naming the copy; whatever happens next, the key's
    /// name is brought in line with the row and the claim dropped. A missing source (<see cref="BlobNotFoundException"/>)
    /// propagates, so the caller reads the source's row again; any other upstream failure of the copy is logged and
    /// returns null, and the staging path copies instead.
    /// </summary>
    public Task<T?> CopyInPlaceAsync<T>(string sourceBucket, string sourceBlobId, string bucket, string key, Func<StoredBlob, Task<T>> commit, CancellationToken ct)
        where T : class =>
        InPlaceAsync(bucket, key, (named, t) => named.CopyToKeyAsync(sourceBucket, sourceBlobId, bucket, key, t), commit, declineOnFailure: true, ct);

    private async Task<T?> InPlaceAsync<T>(string bucket, string key, Func<IKeyNamedStorage, CancellationToken, Task<StoredBlob>> write, Func<StoredBlob, Task<T>> commit, bool declineOnFailure, CancellationToken ct)
        where T : class
    {
        // The first look, before any claim, keeps an overwrite of a published key at one read.
        if (_named is null || !_named.CanName(bucket, key) || Published(await store.GetObjectAsync(bucket, key, ct).ConfigureAwait(false)))
        {
            return null;
        }

        var token = Guid.NewGuid().ToString("N");
        var now = clock.UtcNow;
        if (!await store.TryClaimKeyAsync(bucket, key, token, now, now - ClaimLease, ct).ConfigureAwait(false))
        {
            return null; // another writer is at this key's name: the staging path does not wait for it
        }

        var held = true;
        try
        {
            if (Published(await store.GetObjectAsync(bucket, key, ct).ConfigureAwait(false)))
            {
                return null;
            }

            StoredBlob written = default;
            System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
            var renewal = new ClaimRenewalLoop(ClaimRenewal, t => store.RenewKeyClaimAsync(bucket, key, token, clock.UtcNow, t), e => LogRenewFailed(logger, e, bucket, key), ct);
            try
            {
                written = await write(_named, renewal.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }

            held = await renewal.StopAsync().ConfigureAwait(false);
            if (!held)
            {
                LogClaimLost(logger, bucket, key);
                throw new S3Exception(S3Errors.InternalError, "The write outlived its claim on the key's upstream name; nothing was committed.");
            }

            if (declineOnFailure && failure?.SourceException is { } copyFailure and not (BlobNotFoundException or OperationCanceledException))
            {
                // The source is still there to copy again: the staging path does, after the name is back in line.
                LogCopyInPlaceFailed(logger, copyFailure, bucket, key);
                return null;
            }

            failure?.Throw();
            return await commit(written).ConfigureAwait(false);
        }
        finally
        {
            // A lost claim belongs to its new holder, who brings the name in line with the row.
            if (held)
            {
                await SyncClaimedAsync(bucket, key, token, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The row names the key's upstream name: only a row that does may be overwritten through a staging blob.</summary>
    private bool Published(Domain.Objects.ObjectRecord? row) => row is { InlineData: null, BlobId.Length: > 0 } && _named!.KeyOf(row.BlobId) is not null;

    /// <summary>Renews a claim every <see cref="ClaimRenewal"/> until stopped; cancels <see cref="Token"/> if the claim is lost.</summary>
    private sealed class ClaimRenewalLoop
    {
        private readonly CancellationTokenSource _work;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private bool _lost;

        public ClaimRenewalLoop(TimeSpan every, Func<CancellationToken, Task<bool>> renew, Action<Exception> renewFailed, CancellationToken ct)
        {
            _work = CancellationTokenSource.CreateLinkedTokenSource(ct);
            _loop = RunAsync(every, renew, renewFailed);
        }

        public CancellationToken Token => _work.Token;

        /// <summary>Stops renewing; true while the claim is still held.</summary>
        public async Task<bool> StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            _stop.Dispose();
            _work.Dispose();
            return !_lost;
        }

        private async Task RunAsync(TimeSpan every, Func<CancellationToken, Task<bool>> renew, Action<Exception> renewFailed)
        {
            try
            {
                while (true)
                {
                    await Task.Delay(every, _stop.Token).ConfigureAwait(false);
                    bool renewed;
                    try
                    {
                        renewed = await renew(_stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // A database hiccup: the lease has room for the next round.
                        renewFailed(e);
                        continue;
                    }

                    if (!renewed)
                    {
                        _lost = true;
                        await _work.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped: the write is over (or gone with its request).
            }
        }
    }

    /// <summary>Claims the key, waiting for another holder; null (logged) when it stays claimed too long.</summary>
    private async Task<string?> ClaimAsync(string bucket, string key, CancellationToken ct)
    {
        var token = Guid.NewGuid().ToString("N");
        var delay = TimeSpan.FromMilliseconds(5);
        var deadline = clock.UtcNow + MaxClaimWait;
        while (true)
        {
            var now = clock.UtcNow;
            if (await store.TryClaimKeyAsync(bucket, key, token, now, now - ClaimLease, ct).ConfigureAwait(false))
            {
                return token;
            }

            if (now > deadline)
            {
                LogClaimBusy(logger, bucket, key);
                return null;
            }

            await Task.Delay(delay, ct).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(200).Ticks));
        }
    }

    /// <summary>
    /// Start-up (one node): every claim left by a crash is taken over and its key brought in line with its row.
    /// <paramref name="olderThan"/> null takes over every claim; otherwise only claims older than it (expired leases).
    /// </summary>
    public async Task<int> ReconcileClaimsAsync(TimeSpan? olderThan, CancellationToken ct)
    {
        if (_named is null)
        {
            return 0;
        }

        var done = 0;
        var seen = new HashSet<(string, string)>();
        while (true)
        {
            var now = clock.UtcNow;
            var expiredBefore = olderThan is { } age ? now - age : DateTimeOffset.MaxValue;
            var progress = false;
            foreach (var claim in await store.ListKeyClaimsAsync(ClaimsPage, ct).ConfigureAwait(false))
            {
                if (!seen.Add((claim.Bucket, claim.Key)))
                {
                    continue;
                }

                var token = Guid.NewGuid().ToString("N");
                if (await store.TryClaimKeyAsync(claim.Bucket, claim.Key, token, now, expiredBefore, ct).ConfigureAwait(false))
                {
                    LogClaimTakenOver(logger, claim.Bucket, claim.Key, claim.ClaimedAt);
                    await SyncClaimedAsync(claim.Bucket, claim.Key, token, ct).ConfigureAwait(false);
                    done++;
                }

                progress = true;
            }

            if (!progress)
            {
                return done;
            }
        }
    }

    /// <summary>Holding the claim <paramref name="token"/>: make the key's upstream object match the row.</summary>
    private async Task SyncClaimedAsync(string bucket, string key, string token, CancellationToken ct)
    {
        try
        {
            if (!_named!.CanName(bucket, key))
            {
                // A claim from before the key was known to be unnameable: nothing may happen under that name.
                await store.ReleaseKeyClaimAsync(bucket, key, token, ct).ConfigureAwait(false);
                return;
            }

            for (var round = 0; round < MaxRounds; round++)
            {
                var row = await store.GetObjectAsync(bucket, key, ct).ConfigureAwait(false);
                if (row is { InlineData: null, BlobId.Length: > 0 } && _named!.KeyOf(row.BlobId) is null)
                {
                    string published;
                    try
                    {
                        published = await _named.PublishAsync(bucket, key, row.BlobId, ct).ConfigureAwait(false);
                    }
                    catch (BlobNotFoundException)
                    {
                        // The row was replaced and its staging blob released meanwhile: look again.
                        continue;
                    }

                    if (await store.RepointObjectAsync(bucket, key, row.BlobId, published, token, ct).ConfigureAwait(false))
                    {
                        await DeleteStagingAsync(bucket, row.BlobId).ConfigureAwait(false);
                        return;
                    }

                    // A newer row (or none) since: the name now holds bytes no row names; look again.
                    continue;
                }

                if (row is null || row.InlineData is not null || row.BlobId.Length == 0)
                {
                    await _named!.UnpublishAsync(bucket, key, ct).ConfigureAwait(false);
                }

                await store.ReleaseKeyClaimAsync(bucket, key, token, ct).ConfigureAwait(false);
                return;
            }

            LogTooManyRounds(logger, bucket, key);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Any upstream failure (an S3 error, an SDK's own exception: a name the upstream refuses, say). The claim stays: the next writer of the key after the lease, the orphan sweep or start-up repeats this.
            LogSyncFailed(logger, e, bucket, key);
        }
    }

    private async Task DeleteStagingAsync(string bucket, string blobId)
    {
        try
        {
            await storage.DeleteAsync(bucket, blobId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is S3Exception or IOException or HttpRequestException or InvalidOperationException)
        {
            LogStagingLeft(logger, e, blobId, bucket);
        }
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Warning, Message = "Key {Bucket}/{Key} is claimed by another writer for too long; its upstream name is left to reconciliation")]
    private static partial void LogClaimBusy(ILogger logger, string bucket, string key);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Could not bring the upstream object of {Bucket}/{Key} in line with its row; the claim is retried later")]
    private static partial void LogSyncFailed(ILogger logger, Exception e, string bucket, string key);

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Key claim on {Bucket}/{Key} from {ClaimedAt} taken over")]
    private static partial void LogClaimTakenOver(ILogger logger, string bucket, string key, DateTimeOffset claimedAt);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Staging blob {BlobId} of bucket {Bucket} could not be deleted; it is now an orphan")]
    private static partial void LogStagingLeft(ILogger logger, Exception e, string blobId, string bucket);

    [LoggerMessage(EventId = 325, Level = LogLevel.Warning, Message = "Multipart Complete of {Bucket}/{Key} could not join the parts under the key's upstream name; completing through a staging blob")]
    private static partial void LogInPlaceFailed(ILogger logger, Exception e, string bucket, string key);

    [LoggerMessage(EventId = 328, Level = LogLevel.Warning, Message = "CopyObject to {Bucket}/{Key} could not copy under the key's upstream name; copying through a staging blob")]
    private static partial void LogCopyInPlaceFailed(ILogger logger, Exception e, string bucket, string key);

    [LoggerMessage(EventId = 326, Level = LogLevel.Error, Message = "The claim on {Bucket}/{Key} was taken over while a PUT streamed into its upstream name; the PUT fails and the new holder brings the name in line with the row")]
    private static partial void LogClaimLost(ILogger logger, string bucket, string key);

    [LoggerMessage(EventId = 327, Level = LogLevel.Warning, Message = "Could not renew the claim on {Bucket}/{Key}; retried at the next round")]
    private static partial void LogRenewFailed(ILogger logger, Exception e, string bucket, string key);

    [LoggerMessage(EventId = 324, Level = LogLevel.Warning, Message = "The row of {Bucket}/{Key} kept changing while its upstream name was published; left to the next write or sweep")]
    private static partial void LogTooManyRounds(ILogger logger, string bucket, string key);
}
