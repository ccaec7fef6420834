using System.Collections.Concurrent;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Auth;

/// <summary>
/// Credential lookups remembered for at most 60 s (spec 40), bounded. Only found credentials are
/// kept, so a new key works at once. One per container: the admin use cases <see cref="Evict"/> a key they
/// change, so a disabled or deleted key fails at once in this process (another process writing the same
/// metadata file, e.g. <c>bleepstore meta import</c>, is seen within 60 s). A lifetime of zero keeps nothing: a
/// cluster node reads the store every time, because an admin call on another node does not evict here.
/// </summary>
internal sealed class CredentialCache(ICredentialStore store, IClock clock, int capacity = 1000, TimeSpan? lifetime = null)
{
    private readonly TimeSpan _lifetime = lifetime ?? TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public ValueTask<Credential?> GetAsync(string accessKeyId, CancellationToken ct)
    {
        if (_entries.TryGetValue(accessKeyId, out var entry) && clock.UtcNow - entry.FetchedAt < _lifetime)
        {
            return ValueTask.FromResult<Credential?>(entry.Credential);
        }

        return new ValueTask<Credential?>(FetchAsync(accessKeyId, ct));
    }

    /// <summary>Forgets the key: the next lookup reads the store.</summary>
    public void Evict(string accessKeyId) => _entries.TryRemove(accessKeyId, out _);

    private async Task<Credential?> FetchAsync(string accessKeyId, CancellationToken ct)
    {
        var credential = await store.GetCredentialAsync(accessKeyId, ct).ConfigureAwait(false);
        if (credential is null || _lifetime <= TimeSpan.Zero)
        {
            _entries.TryRemove(accessKeyId, out _);
            return credential;
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[accessKeyId] = new Entry(credential, clock.UtcNow);
        return credential;
    }

    private sealed record Entry(Credential Credential, DateTimeOffset FetchedAt);
}
