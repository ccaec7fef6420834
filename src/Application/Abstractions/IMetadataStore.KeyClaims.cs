namespace BleepStore.Application.Abstractions;

/// <summary>A claim on one key's key-named upstream object (decision 0010): who holds it and since when.</summary>
public sealed record KeyClaim(string Bucket, string Key, string Token, DateTimeOffset ClaimedAt);

/// <summary>
/// Key claims: the durable record a gateway that names upstream objects by key (<see cref="IKeyNamedStorage"/>)
/// writes before it overwrites or deletes <c>{prefix}{bucket}/{key}</c>, and removes once the object's row names
/// what is upstream. One claim per key at a time, so two writers never change the same upstream name at once; a
/// claim left by a crash is found at start-up and its key brought back in line with its row (decision 0010).
/// </summary>
public partial interface IMetadataStore
{
    /// <summary>
    /// Records a claim on (<paramref name="bucket"/>, <paramref name="key"/>) under <paramref name="token"/>. False
    /// when another claim exists that was made at or after <paramref name="expiredBefore"/>; an older one is taken over.
    /// </summary>
    Task<bool> TryClaimKeyAsync(string bucket, string key, string token, DateTimeOffset now, DateTimeOffset expiredBefore, CancellationToken ct);

    /// <summary>
    /// Moves the claim's time to <paramref name="now"/> if <paramref name="token"/> still holds it, so a writer whose
    /// work under the claim outlasts the lease (a long PUT streamed into the key's name) is not taken over. False
    /// when the claim is gone or another token holds it.
    /// </summary>
    Task<bool> RenewKeyClaimAsync(string bucket, string key, string token, DateTimeOffset now, CancellationToken ct);

    /// <summary>Removes the claim if <paramref name="token"/> still holds it.</summary>
    Task ReleaseKeyClaimAsync(string bucket, string key, string token, CancellationToken ct);

    /// <summary>
    /// In one transaction: if the object row still names <paramref name="expectedBlobId"/> (and keeps no inline
    /// bytes), points it at <paramref name="newBlobId"/> (nothing else changes) and removes the claim if
    /// <paramref name="token"/> holds it. True when the row was changed; otherwise nothing changes.
    /// </summary>
    Task<bool> RepointObjectAsync(string bucket, string key, string expectedBlobId, string newBlobId, string token, CancellationToken ct);

    /// <summary>Claims that exist, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<KeyClaim>> ListKeyClaimsAsync(int limit, CancellationToken ct);
}
