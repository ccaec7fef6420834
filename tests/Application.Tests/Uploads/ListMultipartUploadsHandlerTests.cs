using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Uploads.ListMultipartUploads;
using BleepStore.Domain.Access;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;
using static BleepStore.Application.Tests.Uploads.Fakes.MultipartFixture;

namespace BleepStore.Application.Tests.Uploads;

public sealed class ListMultipartUploadsHandlerTests
{
    private readonly MultipartFixture _f = new();

    [Fact]
    public async Task Handle_Uploads_OrderedByKeyThenInitiationThenId()
    {
        Add("b", "id-2", 2);
        Add("a", "id-9", 5);
        Add("b", "id-1", 1);
        Add("b", "id-0", 2);

        var result = await ListAsync();

        Assert.Equal(["a/id-9", "b/id-1", "b/id-0", "b/id-2"], Names(result));
        Assert.False(result.IsTruncated);
        Assert.Null(result.NextKeyMarker);
        Assert.Null(result.NextUploadIdMarker);
        Assert.Equal(1000, result.MaxUploads);
    }

    [Fact]
    public async Task Handle_MaxUploads_TruncatesWithNextMarkersOfLastUpload()
    {
        Add("a", "u1", 1);
        Add("b", "u2", 2);
        Add("b", "u3", 3);

        var result = await ListAsync(max: 2);

        Assert.Equal(["a/u1", "b/u2"], Names(result));
        Assert.True(result.IsTruncated);
        Assert.Equal(("b", "u2"), (result.NextKeyMarker, result.NextUploadIdMarker));
    }

    [Fact]
    public async Task Handle_ResumingFromNextMarkers_VisitsEveryUploadOnce()
    {
        for (var i = 0; i < 7; i++)
        {
            Add("k" + (i / 3), "u" + i, i);
        }

        var seen = new List<string>();
        string? keyMarker = null, idMarker = null;
        for (var page = 0; page < 10; page++)
        {
            var result = await ListAsync(max: 2, keyMarker: keyMarker, uploadIdMarker: idMarker);
            seen.AddRange(Names(result));
            if (!result.IsTruncated)
            {
                break;
            }

            (keyMarker, idMarker) = (result.NextKeyMarker, result.NextUploadIdMarker);
        }

        Assert.Equal(["k0/u0", "k0/u1", "k0/u2", "k1/u3", "k1/u4", "k1/u5", "k2/u6"], seen);
    }

    [Fact]
    public async Task Handle_KeyMarkerAlone_SkipsEveryUploadOfThatKey()
    {
        Add("a", "u1", 1);
        Add("b", "u2", 2);
        Add("b", "u3", 3);
        Add("c", "u4", 4);

        var result = await ListAsync(keyMarker: "b");

        Assert.Equal(["c/u4"], Names(result));
    }

    [Fact]
    public async Task Handle_UploadIdMarkerWithoutKeyMarker_Ignored()
    {
        Add("a", "u1", 1);

        Assert.Equal(["a/u1"], Names(await ListAsync(uploadIdMarker: "u1")));
    }

    [Fact]
    public async Task Handle_Prefix_FiltersByBytePrefix()
    {
        Add("photos/a", "u1", 1);
        Add("photosX", "u2", 2);
        Add("docs/a", "u3", 3);

        Assert.Equal(["photos/a/u1", "photosX/u2"], Names(await ListAsync(prefix: "photos")));
    }

    [Fact]
    public async Task Handle_Delimiter_RollsUpEachPrefixOnce()
    {
        Add("file1", "u1", 1);
        Add("photos/2024/a.jpg", "u2", 2);
        Add("photos/2024/a.jpg", "u3", 3);
        Add("photos/2025/b.jpg", "u4", 4);
        Add("docs/x", "u5", 5);

        var top = await ListAsync(delimiter: "/");
        Assert.Equal(["file1/u1"], Names(top));
        Assert.Equal(["docs/", "photos/"], top.CommonPrefixes);

        var below = await ListAsync(prefix: "photos/", delimiter: "/");
        Assert.Empty(below.Uploads);
        Assert.Equal(["photos/2024/", "photos/2025/"], below.CommonPrefixes);
    }

    [Fact]
    public async Task Handle_DelimiterPagesOfOne_NeverRepeatPrefixesAndJumpInOneQuery()
    {
        Add("a/1", "u1", 1);
        Add("a/2", "u2", 2);
        Add("a/3", "u3", 3);
        Add("b", "u4", 4);
        Add("c/1", "u5", 5);

        var seen = new List<string>();
        string? keyMarker = null, idMarker = null;
        for (var page = 0; page < 10; page++)
        {
            var result = await ListAsync(max: 1, delimiter: "/", keyMarker: keyMarker, uploadIdMarker: idMarker);
            seen.AddRange(Names(result));
            seen.AddRange(result.CommonPrefixes);
            if (!result.IsTruncated)
            {
                break;
            }

            (keyMarker, idMarker) = (result.NextKeyMarker, result.NextUploadIdMarker);
        }

        Assert.Equal(["a/", "b/u4", "c/"], seen);
        // Jumping past "a/" is one query with a marker above every key under it, never a row-by-row walk.
        Assert.DoesNotContain("a/2", _f.Store.KeyMarkersSeen);
    }

    [Fact]
    public async Task Handle_TruncatedAfterCommonPrefix_NextKeyMarkerIsThePrefix()
    {
        Add("a/1", "u1", 1);
        Add("b/1", "u2", 2);

        var result = await ListAsync(max: 1, delimiter: "/");

        Assert.Equal(["a/"], result.CommonPrefixes);
        Assert.True(result.IsTruncated);
        Assert.Equal("a/", result.NextKeyMarker);
        Assert.Null(result.NextUploadIdMarker);
    }

    [Theory]
    [InlineData(5000, 1000)]
    [InlineData(-3, 0)]
    [InlineData(0, 0)]
    [InlineData(null, 1000)]
    public async Task Handle_MaxUploads_ClampedTo0Through1000(int? requested, int expected)
    {
        Add("a", "u1", 1);

        var result = await ListAsync(max: requested);

        Assert.Equal(expected, result.MaxUploads);
        Assert.Equal(expected == 0 ? 0 : 1, result.Uploads.Count);
    }

    [Fact]
    public async Task Handle_MissingBucket_ThrowsNoSuchBucket()
    {
        await S3Assert.ThrowsAsync("NoSuchBucket", () => _f.ListUploads.Handle(new ListMultipartUploadsQuery(Context, "nope"), default));
    }

    [Fact]
    public async Task Handle_OtherBucketsUploads_NotListed()
    {
        _f.Store.AddBucket("other", Alice);
        Add("a", "u1", 1, bucket: "other");

        Assert.Empty((await ListAsync()).Uploads);
    }

    private static string[] Names(ListMultipartUploadsResult result) => [.. result.Uploads.Select(u => u.Key + "/" + u.UploadId)];

    private Task<ListMultipartUploadsResult> ListAsync(int? max = null, string? prefix = null, string? delimiter = null, string? keyMarker = null, string? uploadIdMarker = null) =>
        _f.ListUploads.Handle(new ListMultipartUploadsQuery(Context, Bucket, prefix, delimiter, keyMarker, uploadIdMarker, max), default);

    private void Add(string key, string id, int minute, string bucket = Bucket) => _f.Store.AddUpload(new MultipartUpload
    {
        UploadId = id, Bucket = bucket, Key = key, Content = ContentHeaders.Default, Acl = AccessControlList.Private(Alice),
        Initiator = Alice, Initiated = DateTimeOffset.UnixEpoch.AddMinutes(minute),
    });
}
