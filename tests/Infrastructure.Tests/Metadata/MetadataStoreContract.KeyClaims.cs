using BleepStore.Application.Abstractions;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

public abstract partial class MetadataStoreContract
{
    [Fact]
    public async Task KeyClaims_KeyWithNulAndU0001_RoundTripsAndReleases()
    {
        const string key = "k\0\u0001x";
        Assert.True(await Store.TryClaimKeyAsync("b1", key, "t1", T0, T0.AddMinutes(-15), Ct));
        Assert.False(await Store.TryClaimKeyAsync("b1", key, "t2", T0, T0.AddMinutes(-15), Ct));
        Assert.Equal([("b1", key, "t1")], (await Store.ListKeyClaimsAsync(10, Ct)).Select(c => (c.Bucket, c.Key, c.Token)));

        await Store.ReleaseKeyClaimAsync("b1", key, "t1", Ct);
        Assert.Empty(await Store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task TryClaimKeyAsync_FreeKey_ClaimedAndListed()
    {
        Assert.True(await Store.TryClaimKeyAsync("b1", "dir/é 😀", "t1", T0, T0.AddMinutes(-15), Ct));

        var claim = Assert.Single(await Store.ListKeyClaimsAsync(10, Ct));
        Assert.Equal(("b1", "dir/é 😀", "t1", T0), (claim.Bucket, claim.Key, claim.Token, claim.ClaimedAt));
    }

    [Fact]
    public async Task TryClaimKeyAsync_HeldAndNotExpired_RefusedAndHolderKept()
    {
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0.AddMinutes(-15), Ct);

        Assert.False(await Store.TryClaimKeyAsync("b1", "k", "t2", T0.AddMinutes(1), T0.AddMinutes(-14), Ct));
        Assert.True(await Store.TryClaimKeyAsync("b1", "other", "t3", T0, T0.AddMinutes(-15), Ct));
        Assert.True(await Store.TryClaimKeyAsync("b2", "k", "t4", T0, T0.AddMinutes(-15), Ct));
        Assert.Equal("t1", (await Store.ListKeyClaimsAsync(10, Ct)).Single(c => c is { Bucket: "b1", Key: "k" }).Token);
    }

    [Fact]
    public async Task TryClaimKeyAsync_HeldButExpired_TakenOver()
    {
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0.AddMinutes(-15), Ct);

        Assert.True(await Store.TryClaimKeyAsync("b1", "k", "t2", T0.AddMinutes(16), T0.AddMinutes(1), Ct));

        var claim = Assert.Single(await Store.ListKeyClaimsAsync(10, Ct));
        Assert.Equal(("t2", T0.AddMinutes(16)), (claim.Token, claim.ClaimedAt));
    }

    [Fact]
    public async Task RenewKeyClaimAsync_HoldersTokenMovesTheTime_SoTheLeaseIsNotTakenOver()
    {
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0.AddMinutes(-15), Ct);

        Assert.True(await Store.RenewKeyClaimAsync("b1", "k", "t1", T0.AddMinutes(10), Ct));
        Assert.False(await Store.RenewKeyClaimAsync("b1", "k", "someone-else", T0.AddMinutes(11), Ct));
        Assert.False(await Store.RenewKeyClaimAsync("b1", "free", "t1", T0.AddMinutes(11), Ct));

        // At T0 + 16 minutes the claim is 6 minutes old, not expired: a takeover is refused.
        Assert.False(await Store.TryClaimKeyAsync("b1", "k", "t2", T0.AddMinutes(16), T0.AddMinutes(1), Ct));
        var claim = Assert.Single(await Store.ListKeyClaimsAsync(10, Ct));
        Assert.Equal(("t1", T0.AddMinutes(10)), (claim.Token, claim.ClaimedAt));
    }

    [Fact]
    public async Task RenewKeyClaimAsync_AfterATakeover_FalseAndTheNewHolderKept()
    {
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0.AddMinutes(-15), Ct);
        Assert.True(await Store.TryClaimKeyAsync("b1", "k", "t2", T0.AddMinutes(16), T0.AddMinutes(1), Ct));

        Assert.False(await Store.RenewKeyClaimAsync("b1", "k", "t1", T0.AddMinutes(17), Ct));

        var claim = Assert.Single(await Store.ListKeyClaimsAsync(10, Ct));
        Assert.Equal(("t2", T0.AddMinutes(16)), (claim.Token, claim.ClaimedAt));
    }

    [Fact]
    public async Task ReleaseKeyClaimAsync_OnlyTheHoldersTokenReleases()
    {
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0, Ct);

        await Store.ReleaseKeyClaimAsync("b1", "k", "someone-else", Ct);
        Assert.Single(await Store.ListKeyClaimsAsync(10, Ct));

        await Store.ReleaseKeyClaimAsync("b1", "k", "t1", Ct);
        Assert.Empty(await Store.ListKeyClaimsAsync(10, Ct));
        Assert.True(await Store.TryClaimKeyAsync("b1", "k", "t2", T0, T0, Ct));
    }

    [Fact]
    public async Task ListKeyClaimsAsync_OldestFirstUpToLimit()
    {
        await Store.TryClaimKeyAsync("b1", "c", "t1", T0.AddSeconds(2), T0, Ct);
        await Store.TryClaimKeyAsync("b1", "a", "t2", T0.AddSeconds(1), T0, Ct);
        await Store.TryClaimKeyAsync("b1", "b", "t3", T0.AddSeconds(3), T0, Ct);

        Assert.Equal(["a", "c"], (await Store.ListKeyClaimsAsync(2, Ct)).Select(c => c.Key));
    }

    [Fact]
    public async Task RepointObjectAsync_RowStillNamesExpectedBlob_RepointsAndDropsClaim()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var record = Object("b1", "k") with { BlobId = "staged" };
        await Store.PutObjectAsync(record, WriteCondition.None, Ct);
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0, Ct);

        Assert.True(await Store.RepointObjectAsync("b1", "k", "staged", "k:etag:k", "t1", Ct));

        var read = await Store.GetObjectAsync("b1", "k", Ct);
        Assert.Equal((record.Size, record.ETag, record.LastModified, "k:etag:k"), (read!.Size, read.ETag, read.LastModified, read.BlobId));
        Assert.Empty(await Store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task RepointObjectAsync_RowReplacedMeanwhile_ChangesNothingAndKeepsClaim()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "newer" }, WriteCondition.None, Ct);
        await Store.TryClaimKeyAsync("b1", "k", "t1", T0, T0, Ct);

        Assert.False(await Store.RepointObjectAsync("b1", "k", "staged", "k:etag:k", "t1", Ct));
        Assert.False(await Store.RepointObjectAsync("b1", "gone", "staged", "k:etag:gone", "t1", Ct));

        Assert.Equal("newer", (await Store.GetObjectAsync("b1", "k", Ct))!.BlobId);
        Assert.Single(await Store.ListKeyClaimsAsync(10, Ct));
    }

    [Fact]
    public async Task RepointObjectAsync_InlineRow_NeverRepointed()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k") with { BlobId = "", InlineData = [1, 2, 3] }, WriteCondition.None, Ct);

        Assert.False(await Store.RepointObjectAsync("b1", "k", "", "k:etag:k", "t1", Ct));
        Assert.Equal([1, 2, 3], (await Store.GetObjectAsync("b1", "k", Ct))!.InlineData);
    }
}
