using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Metadata.Memory;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Memory;

public sealed class MemoryMetadataStoreTests : MetadataStoreContract
{
    protected override IMetadataStore CreateStore(string directory) => new MemoryMetadataStore();

    [Fact]
    public async Task Instances_TwoStores_ShareNothing()
    {
        var other = new MemoryMetadataStore();
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);

        Assert.Null(await other.GetBucketAsync("b1", Ct));
        Assert.True(await other.TryCreateBucketAsync(Bucket("b1", Bob), Ct));
        Assert.Equal(Alice, (await Store.GetBucketAsync("b1", Ct))!.Owner);
    }

    [Fact]
    public async Task ListObjectsAsync_WhileWritersInsertAndDelete_PagesStayOrderedAndComplete()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var stable = Enumerable.Range(0, 200).Select(i => $"stable/{i:D4}").ToList();
        foreach (var key in stable)
        {
            await Store.PutObjectAsync(Object("b1", key), WriteCondition.None, Ct);
        }

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var key = $"churn/{w}/{i % 50:D2}";
                await Store.PutObjectAsync(Object("b1", key), WriteCondition.None, Ct);
                await Store.DeleteObjectAsync("b1", key, Ct);
            }
        })).ToArray();

        try
        {
            for (var round = 0; round < 20; round++)
            {
                var seen = new List<string>();
                string? from = null;
                while (true)
                {
                    var page = await Store.ListObjectsAsync("b1", "stable/", from, false, 7, Ct);
                    seen.AddRange(page.Select(r => r.Key));
                    if (page.Count < 7)
                    {
                        break;
                    }

                    from = page[^1].Key;
                }

                Assert.Equal(stable, seen);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
    }
}
