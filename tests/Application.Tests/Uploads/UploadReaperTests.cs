using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads;
using Microsoft.Extensions.Logging.Abstractions;

namespace BleepStore.Application.Tests.Uploads;

public sealed class UploadReaperTests
{
    private readonly MultipartFixture _f = new();

    [Fact]
    public async Task ReapAsync_ExpiredUploads_AbortedWithTheirPartBlobs()
    {
        var old = await _f.CreateAsync();
        await _f.UploadPartAsync(old, 1, [1]);
        await _f.UploadPartAsync(old, 2, [2]);
        _f.Clock.UtcNow += TimeSpan.FromDays(6);
        var recent = await _f.CreateAsync("recent");
        await _f.UploadPartAsync(recent, 1, [3], key: "recent");
        _f.Clock.UtcNow += TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1);

        var count = await Reaper().ReapAsync(UploadReaper.DefaultMaxAge, default);

        Assert.Equal(1, count);
        Assert.Null(await _f.Store.GetUploadAsync(old, default));
        Assert.NotNull(await _f.Store.GetUploadAsync(recent, default));
        var remaining = Assert.Single(_f.Store.AllParts());
        Assert.Equal([remaining.BlobId], _f.Storage.BlobIds);
    }

    [Fact]
    public async Task ReapAsync_MoreThanOneBatch_ReapsAll()
    {
        var total = (UploadReaper.BatchSize * 2) + 5;
        for (var i = 0; i < total; i++)
        {
            var id = await _f.CreateAsync("k" + i);
            await _f.UploadPartAsync(id, 1, [(byte)i], key: "k" + i);
        }

        _f.Clock.UtcNow += TimeSpan.FromDays(8);

        Assert.Equal(total, await Reaper().ReapAsync(TimeSpan.FromDays(7), default));
        Assert.Empty(_f.Storage.BlobIds);
        Assert.Empty(await _f.Store.ListUploadsAsync(MultipartFixture.Bucket, "", null, null, 10, default));
    }

    [Fact]
    public async Task ReapAsync_NothingExpired_ReturnsZero()
    {
        await _f.CreateAsync();

        Assert.Equal(0, await Reaper().ReapAsync(UploadReaper.DefaultMaxAge, default));
    }

    private UploadReaper Reaper() => new(_f.Store, _f.Storage, _f.Clock, _f.Reaper, NullLogger<UploadReaper>.Instance);
}
