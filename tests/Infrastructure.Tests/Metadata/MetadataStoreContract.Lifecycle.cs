using BleepStore.Domain.Lifecycle;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    private static readonly LifecycleRule[] LifecycleRules =
    [
        new("every-shape", true, new LifecycleFilter(LifecycleFilterShape.And, "logs/", [new("k", "ü v"), new("e", "")], 10, 1000),
            new LifecycleExpiration(null, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), null), new NoncurrentVersionExpiration(3, 2), null),
        new(null, false, new LifecycleFilter(LifecycleFilterShape.RulePrefix, "", [], null, null), new LifecycleExpiration(5, null, null), null, 7),
        new("marker", true, LifecycleFilter.All, new LifecycleExpiration(null, null, true), null, null),
    ];

    [Fact]
    public async Task SetBucketLifecycleAsync_SetReplaceRemove_InOrder_SeenByGetAndList()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Lifecycle);

        Assert.True(await Store.SetBucketLifecycleAsync("b1", LifecycleRules, Ct));
        foreach (var read in new[] { (await Store.GetBucketAsync("b1", Ct))!.Lifecycle!, (await Store.ListBucketsAsync(null, Ct)).Single().Lifecycle! })
        {
            Assert.Equal(3, read.Count);
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(LifecycleRules[i] with { Filter = LifecycleRules[i].Filter with { Tags = [] } }, read[i] with { Filter = read[i].Filter with { Tags = [] } });
                Assert.Equal(LifecycleRules[i].Filter.Tags, read[i].Filter.Tags);
            }
        }

        Assert.True(await Store.SetBucketLifecycleAsync("b1", [LifecycleRules[2]], Ct));
        Assert.Equal("marker", Assert.Single((await Store.GetBucketAsync("b1", Ct))!.Lifecycle!).Id);

        Assert.True(await Store.SetBucketLifecycleAsync("b1", null, Ct));
        Assert.Null((await Store.GetBucketAsync("b1", Ct))!.Lifecycle);
        Assert.False(await Store.SetBucketLifecycleAsync("nope", LifecycleRules, Ct));
    }
}
