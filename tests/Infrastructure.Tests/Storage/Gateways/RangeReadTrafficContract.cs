using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Tests.TestSupport;

namespace BleepStore.Infrastructure.Tests.Storage.Gateways;

/// <summary>
/// Ranges are forwarded upstream, not cut locally (issue 12): a gateway whose SDK talks to the upstream through
/// <see cref="CountingConnections"/> reads small ranges of a large object, and the bytes that crossed the upstream
/// connections during each read must be about the range, not the object. Run for staging blob ids and key-named
/// ids (decision 0010), whose reads carry a precondition (ETag or generation).
/// </summary>
public abstract class RangeReadTrafficContract
{
    protected const string BucketName = "bucket-1";

    private const int MiB = 1024 * 1024;

    // Several upload parts / blocks / chunks on every gateway, so a whole-object read could not hide in slack.
    private const int ObjectSize = (9 * MiB) + 123;

    // One request and one response's headers (and a retry's, if any): far below the object, far above a range.
    private const long HeaderSlack = 16 * 1024;

    protected CountingConnections Counts { get; } = new();

    protected static CancellationToken Ct => CancellationToken.None;

    /// <summary>The gateway under test, its SDK client built on <see cref="CountingConnections.CreateHandler"/> of <see cref="Counts"/>.</summary>
    protected abstract IObjectStorage Storage { get; }

    public static TheoryData<string, long, long?> Ranges => new()
    {
        // bytes=5242880-5242979: 100 bytes from the middle, past several upload parts.
        { "middle 100 bytes", 5 * MiB, 100L },

        // bytes=-100: the request layer resolves a suffix to (size - 100, 100) before storage sees it.
        { "suffix of 100 bytes", ObjectSize - 100, 100L },

        // bytes=N-: open-ended, the storage read has no length and must still ask upstream for the tail only.
        { "open-ended last 1000 bytes", ObjectSize - 1000, null },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task OpenReadAsync_SmallRangeOfLargeStagedBlob_MovesOnlyTheRangeUpstream(string name, long offset, long? length)
    {
        var data = TestBodyStream.RandomBytes(ObjectSize);
        var blob = await Storage.WriteAsync(BucketName, new TestBodyStream(data), Ct);

        await AssertRangeReadMovesOnlyTheRangeAsync(name, blob.BlobId, data, offset, length);
    }

    [Theory]
    [MemberData(nameof(Ranges))]
    public async Task OpenReadAsync_SmallRangeOfLargeKeyNamedObject_MovesOnlyTheRangeUpstream(string name, long offset, long? length)
    {
        var data = TestBodyStream.RandomBytes(ObjectSize, 7);
        var blob = await ((IKeyNamedStorage)Storage).WriteToKeyAsync(BucketName, "dir/large-object", new TestBodyStream(data), Ct);

        await AssertRangeReadMovesOnlyTheRangeAsync(name, blob.BlobId, data, offset, length);
    }

    private async Task AssertRangeReadMovesOnlyTheRangeAsync(string name, string blobId, byte[] data, long offset, long? length)
    {
        Counts.Reset();

        byte[] read;
        await using (var stream = await Storage.OpenReadAsync(BucketName, blobId, offset, length, Ct))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            read = copy.ToArray();
        }

        var expected = data.AsSpan((int)offset, (int)(length ?? (data.Length - offset))).ToArray();
        Assert.Equal(expected, read);
        var received = Counts.Received;
        Assert.True(
            received >= expected.Length && received <= expected.Length + HeaderSlack,
            $"{name}: {received} bytes came from upstream for a {expected.Length}-byte range of a {data.Length}-byte object (expected at most {expected.Length + HeaderSlack}).");
        Assert.True(Counts.Sent <= HeaderSlack, $"{name}: {Counts.Sent} bytes were sent upstream to read a range.");
    }
}
