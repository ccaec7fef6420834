using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;

namespace BleepStore.Infrastructure.Tests.Storage.Gcp;

/// <summary>An object as GCS keeps it: immutable bytes of one generation.</summary>
internal sealed record GcsTestObject(string Bucket, string Name, byte[] Data, long Generation, int ComponentCount, DateTime Created)
{
    public string Crc32c { get; } = Gcp.Crc32c.Base64(Data);

    // GCS gives composite objects no MD5.
    public string? Md5 { get; } = ComponentCount > 1 ? null : Convert.ToBase64String(MD5.HashData(Data));
}

/// <summary>The test server's state: buckets, objects by name, resumable sessions; one lock.</summary>
internal sealed class GcsTestStore
{
    private readonly Dictionary<(string Bucket, string Name), GcsTestObject> _objects = [];
    private readonly HashSet<string> _buckets = [];
    private long _generation = 1_700_000_000_000_000;

    public object Gate { get; } = new();

    public Dictionary<string, GcsTestSession> Sessions { get; } = [];

    public void AddBucket(string bucket)
    {
        lock (Gate)
        {
            _buckets.Add(bucket);
        }
    }

    public bool HasBucket(string bucket)
    {
        lock (Gate)
        {
            return _buckets.Contains(bucket);
        }
    }

    public GcsTestObject? Get(string bucket, string name)
    {
        lock (Gate)
        {
            return _objects.GetValueOrDefault((bucket, name));
        }
    }

    public int Count(string bucket)
    {
        lock (Gate)
        {
            return _objects.Keys.Count(k => k.Bucket == bucket);
        }
    }

    public List<GcsTestObject> List(string bucket, string prefix)
    {
        lock (Gate)
        {
            return [.. _objects.Values.Where(o => o.Bucket == bucket && o.Name.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(o => o.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>Creates a new generation if the preconditions hold; null = 412.</summary>
    public GcsTestObject? Put(string bucket, string name, byte[] data, int components, Preconditions conditions)
    {
        lock (Gate)
        {
            var current = _objects.GetValueOrDefault((bucket, name));
            if (!conditions.Hold(current))
            {
                return null;
            }

            var created = new GcsTestObject(bucket, name, data, ++_generation, components, DateTime.UtcNow);
            _objects[(bucket, name)] = created;
            return created;
        }
    }

    /// <summary>False when the object does not exist; null when a precondition fails.</summary>
    public bool? Delete(string bucket, string name, Preconditions conditions)
    {
        lock (Gate)
        {
            var current = _objects.GetValueOrDefault((bucket, name));
            if (current is null)
            {
                return false;
            }

            if (!conditions.Hold(current))
            {
                return null;
            }

            _objects.Remove((bucket, name));
            return true;
        }
    }
}

/// <summary>ifGenerationMatch (0 = must not exist) and ifGenerationNotMatch.</summary>
internal sealed record Preconditions(long? IfGenerationMatch, long? IfGenerationNotMatch)
{
    /// <summary>The object's own conditions, or with <paramref name="prefix"/> <c>ifSource</c> the source's (<c>ifSourceGenerationMatch</c>...).</summary>
    public static Preconditions From(IQueryCollection query, string prefix = "")
    {
        var stem = prefix.Length == 0 ? "if" : prefix;
        return new(Long(query, stem + "GenerationMatch"), Long(query, stem + "GenerationNotMatch"));
    }

    public bool Hold(GcsTestObject? current) =>
        (IfGenerationMatch is not { } match || (current?.Generation ?? 0) == match)
        && (IfGenerationNotMatch is not { } notMatch || (current?.Generation ?? 0) != notMatch);

    private static long? Long(IQueryCollection query, string key) => query.TryGetValue(key, out var v) && long.TryParse(v, out var n) ? n : null;
}

/// <summary>A resumable upload session: target, preconditions and the bytes received so far.</summary>
internal sealed class GcsTestSession(string bucket, string name, Preconditions conditions)
{
    public string Bucket { get; } = bucket;

    public string Name { get; } = name;

    public Preconditions Conditions { get; } = conditions;

    public MemoryStream Data { get; } = new();
}
