using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Cors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Credentials;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Tagging;

namespace BleepStore.Infrastructure.Metadata.Memory;

/// <summary>
/// The metadata port in process memory, with the SQLite store's semantics (the same contract suite runs
/// against both): keys in UTF-8 byte order, write conditions checked atomically with the write, Complete
/// in one step, timestamps kept to the millisecond in UTC, listing entries carrying only what a listing shows.
/// <para>
/// Volatile: everything is lost when the process ends, so it suits tests, samples and embedders whose
/// data is disposable, never a server that acknowledges writes it must keep (pair it with memory object
/// storage, since a blob whose row is gone is never reclaimed). One lock serialises every call, which is
/// what makes each call one transaction; calls hold it for microseconds, but it is one process, one
/// node. Each bucket's rows sit in sorted chunks (<see cref="OrderedRows"/>): a write costs a binary search and
/// moves at most one chunk, a listing page a seek plus the rows it returns; all of it lives on the managed heap.
/// </para>
/// <para>Rows are copied on the way in (the caller may reuse its arrays and dictionaries); rows handed out
/// are shared between readers and must not be mutated, as with any record from the port.</para>
/// </summary>
public sealed partial class MemoryMetadataStore : IMetadataStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, MemoryBucket> _buckets = new(Utf8Order.Instance);
    private readonly Dictionary<string, MemoryUpload> _uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompletedUpload> _completed = new(StringComparer.Ordinal);
    private readonly Queue<string> _completedOrder = new();
    private readonly Dictionary<string, Credential> _credentials = new(StringComparer.Ordinal);

    public Task<Bucket?> GetBucketAsync(string name, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<Bucket?>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_buckets.GetValueOrDefault(name)?.Row);
        }
    }

    public Task<IReadOnlyList<Bucket>> ListBucketsAsync(string? ownerId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<Bucket>>(ct);
        }

        var result = new List<Bucket>();
        lock (_gate)
        {
            foreach (var bucket in _buckets.Values)
            {
                if (ownerId is null || bucket.Row.Owner.Id == ownerId)
                {
                    result.Add(bucket.Row);
                }
            }
        }

        return Task.FromResult<IReadOnlyList<Bucket>>(result);
    }

    public Task<bool> TryCreateBucketAsync(Bucket bucket, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        var row = MemoryRows.Stored(bucket);
        lock (_gate)
        {
            return Task.FromResult(_buckets.TryAdd(row.Name, new MemoryBucket(row)));
        }
    }

    public Task<DeleteBucketOutcome> DeleteBucketAsync(string name, List<string> orphanedBlobs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orphanedBlobs);
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<DeleteBucketOutcome>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(DeleteBucketOutcome.NotFound);
            }

            if (bucket.Objects.Count > 0 || bucket.Versions.Count > 0)
            {
                return Task.FromResult(DeleteBucketOutcome.NotEmpty);
            }

            // Open uploads go with the bucket, as SQLite's ON DELETE CASCADE takes them.
            foreach (var upload in bucket.Uploads)
            {
                _uploads.Remove(upload.UploadId, out var removed);
                foreach (var part in removed!.Parts.Values)
                {
                    orphanedBlobs.Add(part.BlobId);
                }
            }

            // So do the records of its completed uploads (SQLite: the same cascade).
            foreach (var record in _completed.Values.Where(r => r.Bucket == name).ToList())
            {
                _completed.Remove(record.UploadId);
            }

            _buckets.Remove(name);
            return Task.FromResult(DeleteBucketOutcome.Deleted);
        }
    }

    public Task<bool> SetBucketAclAsync(string name, AccessControlList acl, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        var stored = MemoryRows.Stored(acl);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(false);
            }

            bucket.Row = bucket.Row with { Acl = stored };
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetBucketTagsAsync(string name, IReadOnlyList<Tag>? tags, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        var stored = tags is null ? null : MemoryRows.Stored(tags);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(false);
            }

            bucket.Row = bucket.Row with { Tags = stored };
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetBucketCorsAsync(string name, IReadOnlyList<CorsRule>? rules, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        var stored = rules is null ? null : MemoryRows.Stored(rules);
        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(false);
            }

            bucket.Row = bucket.Row with { Cors = stored };
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetBucketLifecycleAsync(string name, IReadOnlyList<LifecycleRule>? rules, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        IReadOnlyList<LifecycleRule>? stored = rules is null ? null : [.. rules.Select(r => r with { Filter = r.Filter with { Tags = [.. r.Filter.Tags] } })];
        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(false);
            }

            bucket.Row = bucket.Row with { Lifecycle = stored };
            return Task.FromResult(true);
        }
    }

    public Task<bool> SetBucketOwnershipAsync(string name, string? objectOwnership, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            if (!_buckets.TryGetValue(name, out var bucket))
            {
                return Task.FromResult(false);
            }

            bucket.Row = bucket.Row with { ObjectOwnership = objectOwnership };
            return Task.FromResult(true);
        }
    }

    public Task<MetadataCounts> CountAsync(CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<MetadataCounts>(ct);
        }

        lock (_gate)
        {
            long objects = 0, bytes = 0;
            foreach (var bucket in _buckets.Values)
            {
                objects += bucket.Objects.Count;
                bytes += bucket.Bytes;
            }

            return Task.FromResult(new MetadataCounts(_buckets.Count, objects, _uploads.Count, bytes));
        }
    }

    public Task PingAsync(CancellationToken ct) => ct.IsCancellationRequested ? Task.FromCanceled(ct) : Task.CompletedTask;

    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<Credential?>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_credentials.GetValueOrDefault(accessKeyId));
        }
    }

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<Owner?>(ct);
        }

        lock (_gate)
        {
            Credential? found = null;
            foreach (var credential in _credentials.Values)
            {
                if (credential.Owner.Id == ownerId && (found is null || (credential.Active && !found.Active)))
                {
                    found = credential;
                }
            }

            return Task.FromResult(found?.Owner);
        }
    }

    /// <summary>Inserts or updates the credential; an update keeps the original creation time.</summary>
    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled(ct);
        }

        lock (_gate)
        {
            var createdAt = _credentials.TryGetValue(credential.AccessKeyId, out var existing) ? existing.CreatedAt : credential.CreatedAt;
            _credentials[credential.AccessKeyId] = credential with { CreatedAt = MemoryRows.Millis(createdAt) };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<Credential>>(ct);
        }

        lock (_gate)
        {
            var all = _credentials.Values.ToList();
            all.Sort(static (a, b) => string.CompareOrdinal(a.AccessKeyId, b.AccessKeyId));
            return Task.FromResult<IReadOnlyList<Credential>>(all);
        }
    }

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_credentials.TryAdd(credential.AccessKeyId, credential with { CreatedAt = MemoryRows.Millis(credential.CreatedAt) }));
        }
    }

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<Credential?>(ct);
        }

        lock (_gate)
        {
            if (!_credentials.TryGetValue(accessKeyId, out var existing))
            {
                return Task.FromResult<Credential?>(null);
            }

            var updated = existing with { Active = active };
            _credentials[accessKeyId] = updated;
            return Task.FromResult<Credential?>(updated);
        }
    }

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct)
    {
        if (ct.IsCancellationRequested)
        {
            return Task.FromCanceled<bool>(ct);
        }

        lock (_gate)
        {
            return Task.FromResult(_credentials.Remove(accessKeyId));
        }
    }
}
