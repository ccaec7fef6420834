using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Tests.TestSupport;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata;

/// <summary>The metadata port's contract; every engine runs it through a subclass.</summary>
public abstract partial class MetadataStoreContract : IDisposable
{
    protected MetadataStoreContract()
    {
        Directory = new TempDirectory();
        Store = CreateStore(Directory.Path);
    }

    protected TempDirectory Directory { get; }

    protected IMetadataStore Store { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        Directory.Dispose();
        AfterDispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what <see cref="CreateStore"/> set up outside the store (a database of its own), after the store is disposed.</summary>
    protected virtual void AfterDispose()
    {
    }

    protected abstract IMetadataStore CreateStore(string directory);

    [Fact]
    public async Task TryCreateBucketAsync_NewName_ReturnsTrueAndRoundTrips()
    {
        var acl = new AccessControlList(Alice, [
            new Grant(Grantee.User(Alice.Id, Alice.DisplayName), Permission.FullControl),
            new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read),
            new Grant(Grantee.User(Bob.Id, "Bob é 😀"), Permission.WriteAcp),
        ]);
        var bucket = Bucket("photos") with { Region = "eu-west-1", Acl = acl };

        Assert.True(await Store.TryCreateBucketAsync(bucket, Ct));

        var read = await Store.GetBucketAsync("photos", Ct);
        Assert.NotNull(read);
        Assert.Equal(("photos", "eu-west-1", Alice, T0), (read.Name, read.Region, read.Owner, read.CreatedAt));
        AssertAclEqual(acl, read.Acl);
    }

    [Fact]
    public async Task TryCreateBucketAsync_ExistingName_ReturnsFalseAndKeepsOriginal()
    {
        await Store.TryCreateBucketAsync(Bucket("photos", Alice), Ct);

        Assert.False(await Store.TryCreateBucketAsync(Bucket("photos", Bob), Ct));
        Assert.Equal(Alice, (await Store.GetBucketAsync("photos", Ct))!.Owner);
    }

    [Fact]
    public async Task GetBucketAsync_Missing_ReturnsNull() => Assert.Null(await Store.GetBucketAsync("nope", Ct));

    [Fact]
    public async Task ListBucketsAsync_AllOrByOwner_OrderedByName()
    {
        foreach (var (name, owner) in new[] { ("zeta", Alice), ("alpha", Bob), ("mid.dle", Alice), ("a-b", Alice) })
        {
            await Store.TryCreateBucketAsync(Bucket(name, owner), Ct);
        }

        Assert.Equal(["a-b", "alpha", "mid.dle", "zeta"], (await Store.ListBucketsAsync(null, Ct)).Select(b => b.Name));
        Assert.Equal(["a-b", "mid.dle", "zeta"], (await Store.ListBucketsAsync(Alice.Id, Ct)).Select(b => b.Name));
        Assert.Empty(await Store.ListBucketsAsync("nobody", Ct));
    }

    [Fact]
    public async Task DeleteBucketAsync_Missing_NotFound()
    {
        var orphans = new List<string>();
        Assert.Equal(DeleteBucketOutcome.NotFound, await Store.DeleteBucketAsync("nope", orphans, Ct));
        Assert.Empty(orphans);
    }

    [Fact]
    public async Task DeleteBucketAsync_WithObject_NotEmptyAndKept()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.PutObjectAsync(Object("b1", "k"), WriteCondition.None, Ct);

        Assert.Equal(DeleteBucketOutcome.NotEmpty, await Store.DeleteBucketAsync("b1", [], Ct));
        Assert.NotNull(await Store.GetBucketAsync("b1", Ct));
    }

    [Fact]
    public async Task DeleteBucketAsync_WithOpenUploads_DeletesThemAndReturnsPartBlobs()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.TryCreateBucketAsync(Bucket("b2"), Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);
        await Store.CreateUploadAsync(Upload("b2", "k", "u2"), Ct);
        await Store.PutPartAsync(Part("u1", 1, "blob-1"), Ct);
        await Store.PutPartAsync(Part("u1", 2, "blob-2"), Ct);
        await Store.PutPartAsync(Part("u2", 1, "blob-other"), Ct);
        var orphans = new List<string> { "already-there" };

        Assert.Equal(DeleteBucketOutcome.Deleted, await Store.DeleteBucketAsync("b1", orphans, Ct));

        Assert.Equal(["already-there", "blob-1", "blob-2"], orphans.Order(StringComparer.Ordinal));
        Assert.Null(await Store.GetBucketAsync("b1", Ct));
        Assert.Null(await Store.GetUploadAsync("u1", Ct));
        Assert.NotNull(await Store.GetUploadAsync("u2", Ct));
        Assert.Single(await Store.ListPartsAsync("u2", 0, 100, Ct));
    }

    [Fact]
    public async Task GetBucketAsync_ReadBeforeEachChange_SeesEveryChange()
    {
        await Store.TryCreateBucketAsync(Bucket("b1", Alice), Ct);
        Assert.Equal(Alice, (await Store.GetBucketAsync("b1", Ct))!.Owner);

        await Store.SetBucketAclAsync("b1", CannedAcl.Expand("public-read", Alice), Ct);
        Assert.Contains((await Store.GetBucketAsync("b1", Ct))!.Acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri);

        Assert.Equal(DeleteBucketOutcome.Deleted, await Store.DeleteBucketAsync("b1", [], Ct));
        Assert.Null(await Store.GetBucketAsync("b1", Ct));

        Assert.True(await Store.TryCreateBucketAsync(Bucket("b1", Bob), Ct));
        var recreated = await Store.GetBucketAsync("b1", Ct);
        Assert.Equal(Bob, recreated!.Owner);
        Assert.DoesNotContain(recreated.Acl.Grants, g => g.Grantee.Uri == Grantee.AllUsersUri);
    }

    [Fact]
    public async Task SetBucketAclAsync_Existing_ReplacesAcl()
    {
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        var acl = CannedAcl.Expand("public-read", Alice);

        Assert.True(await Store.SetBucketAclAsync("b1", acl, Ct));
        AssertAclEqual(acl, (await Store.GetBucketAsync("b1", Ct))!.Acl);
    }

    [Fact]
    public async Task SetBucketAclAsync_Missing_ReturnsFalse() =>
        Assert.False(await Store.SetBucketAclAsync("nope", AccessControlList.Private(Alice), Ct));

    [Fact]
    public async Task CountAsync_MixedContent_CountsRowsAndSumsSizes()
    {
        Assert.Equal(new MetadataCounts(0, 0, 0, 0), await Store.CountAsync(Ct));
        await Store.TryCreateBucketAsync(Bucket("b1"), Ct);
        await Store.TryCreateBucketAsync(Bucket("b2"), Ct);
        await Store.PutObjectAsync(Object("b1", "a", size: 10), WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("b2", "a", size: 5_000_000_000), WriteCondition.None, Ct);
        await Store.PutObjectAsync(Object("b2", "a", size: 7), WriteCondition.None, Ct);
        await Store.CreateUploadAsync(Upload("b1", "k", "u1"), Ct);

        Assert.Equal(new MetadataCounts(2, 2, 1, 17), await Store.CountAsync(Ct));
    }

    [Fact]
    public async Task UpsertCredentialAsync_NewThenChanged_GetReturnsLatest()
    {
        Assert.Null(await Store.GetCredentialAsync("AKID", Ct));
        await Store.UpsertCredentialAsync(Credential("AKID", "s1"), Ct);
        Assert.Equal(Credential("AKID", "s1"), await Store.GetCredentialAsync("AKID", Ct));

        await Store.UpsertCredentialAsync(Credential("AKID", "s2", active: false) with { CreatedAt = T0.AddDays(1) }, Ct);

        var read = await Store.GetCredentialAsync("AKID", Ct);
        Assert.Equal(("s2", false, T0), (read!.SecretKey, read.Active, read.CreatedAt));
    }

    [Fact]
    public async Task GetAccountAsync_ById_FindsTheOwnerOfAnyCredential()
    {
        Assert.Null(await Store.GetAccountAsync("acct-1", Ct));
        await Store.UpsertCredentialAsync(Credential("AKID1") with { Owner = new Owner("acct-1", "Account One") }, Ct);
        await Store.UpsertCredentialAsync(Credential("AKID2", active: false) with { Owner = new Owner("acct-2", "Two") }, Ct);

        Assert.Equal(new Owner("acct-1", "Account One"), await Store.GetAccountAsync("acct-1", Ct));
        Assert.Equal(new Owner("acct-2", "Two"), await Store.GetAccountAsync("acct-2", Ct));
        Assert.Null(await Store.GetAccountAsync("AKID1", Ct));
        Assert.Null(await Store.GetAccountAsync("acct-", Ct));
    }

    [Fact]
    public async Task Credentials_CreateListDisableDelete_AsTheAdminApiUsesThem()
    {
        Assert.Empty(await Store.ListCredentialsAsync(Ct));
        var b = Credential("AKBSB", "sb") with { Description = "ci key" };
        Assert.True(await Store.TryCreateCredentialAsync(b, Ct));
        Assert.True(await Store.TryCreateCredentialAsync(Credential("AKBSA", "sa"), Ct));
        Assert.False(await Store.TryCreateCredentialAsync(Credential("AKBSB", "other"), Ct));

        var all = await Store.ListCredentialsAsync(Ct);
        Assert.Equal(["AKBSA", "AKBSB"], all.Select(c => c.AccessKeyId));
        Assert.Equal(b, all[1]);
        Assert.Null(all[0].Description);

        var disabled = await Store.SetCredentialActiveAsync("AKBSB", false, Ct);
        Assert.Equal(b with { Active = false }, disabled);
        Assert.False((await Store.GetCredentialAsync("AKBSB", Ct))!.Active);
        Assert.Null(await Store.SetCredentialActiveAsync("AKBSX", true, Ct));

        Assert.True(await Store.DeleteCredentialAsync("AKBSB", Ct));
        Assert.False(await Store.DeleteCredentialAsync("AKBSB", Ct));
        Assert.Null(await Store.GetCredentialAsync("AKBSB", Ct));
        Assert.Equal(["AKBSA"], (await Store.ListCredentialsAsync(Ct)).Select(c => c.AccessKeyId));
    }

    [Fact]
    public async Task PingAsync_OpenStore_Succeeds() => await Store.PingAsync(Ct);

    protected static async Task<S3Exception> AssertS3ErrorAsync(string code, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<S3Exception>(action);
        Assert.Equal(code, ex.Error.Code);
        return ex;
    }
}
