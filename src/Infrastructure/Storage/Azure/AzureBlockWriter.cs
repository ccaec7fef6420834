using System.Buffers;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace BleepStore.Infrastructure.Storage.Azure;

/// <summary>
/// Writes one new block blob from one or more streams in fixed-size blocks. A body that fits one block
/// is a single Put Blob; a larger one is staged (uncommitted, invisible) and appears whole or not at all
/// when its block list is committed. While one block is sent the next is read, so a write holds two
/// block buffers at most. With <paramref name="replace"/> (a key-named object, decision 0010, written under the
/// key's claim) the commit replaces the blob, and its block ids carry a per-write nonce so that no block a
/// crashed earlier write left uncommitted on that blob is ever taken for one of this write's.
/// </summary>
internal sealed class AzureBlockWriter(BlockBlobClient blob, int blockSize, bool replace = false) : IAsyncDisposable
{
    // Azure's limit of blocks in one blob.
    private const int MaxBlocks = 50_000;

    private readonly List<string> _blockIds = [];
    private byte[]? _current = ArrayPool<byte>.Shared.Rent(blockSize);
    private byte[]? _spare;
    private int _filled;
    private Task? _staging;
    private bool _staged;
    private readonly string _nonce = replace ? Guid.NewGuid().ToString("N")[..8] : "blk";

    public long Size { get; private set; }

    /// <summary>Appends everything <paramref name="source"/> yields.</summary>
    public async Task AppendAsync(Stream source, CancellationToken ct)
    {
        while (true)
        {
            var n = await StreamCopy.FillAsync(source, _current.AsMemory(_filled, blockSize - _filled), ct).ConfigureAwait(false);
            _filled += n;
            Size += n;
            if (_filled < blockSize)
            {
                return;
            }

            await StageCurrentAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Makes the blob visible: one Put Blob, or the commit of the staged block list. Never overwrites unless the
    /// writer replaces. Returns the blob's new ETag.
    /// </summary>
    public async Task<ETag> CommitAsync(CancellationToken ct)
    {
        var create = replace ? null : new BlobRequestConditions { IfNoneMatch = ETag.All };
        if (!_staged)
        {
            using var single = new MemoryStream(_current!, 0, _filled, writable: false);
            return (await blob.UploadAsync(single, new BlobUploadOptions { Conditions = create }, ct).ConfigureAwait(false)).Value.ETag;
        }

        if (_filled > 0)
        {
            await StageCurrentAsync(ct).ConfigureAwait(false);
        }

        await AwaitStagingAsync().ConfigureAwait(false);
        return (await blob.CommitBlockListAsync(_blockIds, new CommitBlockListOptions { Conditions = create }, ct).ConfigureAwait(false)).Value.ETag;
    }

    /// <summary>
    /// Drops staged blocks after a failure: committing an empty list discards them, then the empty blob
    /// goes. Best effort; what is left expires upstream (uncommitted blocks after 7 days). A replacing writer
    /// leaves the blob as it is (an empty commit would replace it): its blocks are dropped by the name's next
    /// write or expire.
    /// </summary>
    public async Task DiscardAsync()
    {
        if (!_staged || replace)
        {
            return;
        }

        try
        {
            await AwaitStagingAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The failure that brought us here is the one reported.
        }

        try
        {
            await blob.CommitBlockListAsync([], new CommitBlockListOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, CancellationToken.None).ConfigureAwait(false);
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AwaitStagingAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already reported by CommitAsync or DiscardAsync; the buffers must still go back.
        }

        Return(ref _current);
        Return(ref _spare);
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    private async Task StageCurrentAsync(CancellationToken ct)
    {
        // The previous block must be acknowledged before its buffer is refilled.
        await AwaitStagingAsync().ConfigureAwait(false);
        if (_blockIds.Count == MaxBlocks)
        {
            throw new InvalidOperationException($"An Azure blob holds at most {MaxBlocks} blocks of {blockSize} bytes.");
        }

        var id = BlockId(_blockIds.Count);
        _blockIds.Add(id);
        var buffer = _current!;
        var length = _filled;
        _staged = true;
        _staging = StageAsync(id, buffer, length, ct);
        _current = _spare ?? ArrayPool<byte>.Shared.Rent(blockSize);
        _spare = buffer;
        _filled = 0;
    }

    private async Task StageAsync(string id, byte[] buffer, int length, CancellationToken ct)
    {
        using var content = new MemoryStream(buffer, 0, length, writable: false);
        await blob.StageBlockAsync(id, content, cancellationToken: ct).ConfigureAwait(false);
    }

    private async Task AwaitStagingAsync()
    {
        if (_staging is { } staging)
        {
            _staging = null;
            await staging.ConfigureAwait(false);
        }
    }

    // Every id of a blob must have the same length; six digits cover the 50,000-block limit.
    private string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{_nonce}{index:D6}"));
}
