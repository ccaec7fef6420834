using System.Collections.Concurrent;
using BleepStore.Application.Abstractions;

namespace BleepStore.Application.Auth;

/// <summary>
/// Derived signing keys per (key id, secret, date, region, service): four HMACs saved per request.
/// Bounded; entries live at most 24 h. Keyed by the secret too, so a rotated secret never reuses a key.
/// </summary>
internal sealed class SigningKeyCache(IClock clock, int capacity = 1000)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();

    public byte[] Get(string accessKeyId, string secret, string date, string region)
    {
        var now = clock.UtcNow;
        var key = new Key(accessKeyId, secret, date, region);
        if (_entries.TryGetValue(key, out var entry) && now - entry.CreatedAt < Lifetime)
        {
            return entry.SigningKey;
        }

        var signingKey = new byte[32];
        SigV4Signing.DeriveSigningKey(secret, date, region, SigV4Constants.Service, signingKey);
        if (_entries.Count >= capacity)
        {
            Trim(now);
        }

        _entries[key] = new Entry(signingKey, now);
        return signingKey;
    }

    public int Count => _entries.Count;

    private void Trim(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (now - pair.Value.CreatedAt >= Lifetime)
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }

        // Still full of live keys (many clients or a flood of dates/regions): start over.
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }
    }

    private readonly record struct Key(string AccessKeyId, string Secret, string Date, string Region);

    private sealed record Entry(byte[] SigningKey, DateTimeOffset CreatedAt);
}
