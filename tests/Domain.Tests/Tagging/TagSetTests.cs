using BleepStore.Domain.Errors;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Tests.Tagging;

public sealed class TagSetTests
{
    [Fact]
    public void ForObject_ValidSet_SortedByKey()
    {
        var tags = TagSet.ForObject([new("zeta", "1"), new("Alpha", ""), new("mid dle", "a_b.c:d/e=f+g-h@i")]);

        Assert.Equal(["Alpha", "mid dle", "zeta"], tags.Select(t => t.Key));
    }

    [Fact]
    public void ForObject_TenTagsOfMaximumLength_Accepted()
    {
        var tags = Enumerable.Range(0, 10).Select(i => new Tag(new string((char)('a' + i), 128), new string('v', 256))).ToArray();

        Assert.Equal(10, TagSet.ForObject(tags).Count);
    }

    [Fact]
    public void ForObject_ElevenTags_BadRequest()
    {
        var e = Assert.Throws<S3Exception>(() => TagSet.ForObject(Enumerable.Range(0, 11).Select(i => new Tag($"k{i}", "v")).ToArray()));

        Assert.Equal(("BadRequest", 400, "Object tags cannot be greater than 10"), (e.Error.Code, e.Error.HttpStatus, e.Message));
    }

    [Theory]
    [InlineData(129, 0, "The TagKey you have provided is too long, max 128")]
    [InlineData(1, 257, "The TagValue you have provided is too long, max 256")]
    public void ForObject_TooLong_InvalidTag(int keyLength, int valueLength, string message)
    {
        var e = Assert.Throws<S3Exception>(() => TagSet.ForObject([new(new string('k', keyLength), new string('v', valueLength))]));

        Assert.Equal(("InvalidTag", message), (e.Error.Code, e.Message));
    }

    [Fact]
    public void ForObject_KeyLengthCountsUtf16Units_SurrogatePairsCountTwice()
    {
        var sixtyFourEmoji = string.Concat(Enumerable.Repeat("😀", 64));
        Assert.Single(TagSet.ForObject([new(sixtyFourEmoji.Replace("😀", "𝒜"), "")]));

        var e = Assert.Throws<S3Exception>(() => TagSet.ForObject([new(string.Concat(Enumerable.Repeat("𝒜", 65)), "")]));
        Assert.Equal("The TagKey you have provided is too long, max 128", e.Message);
    }

    [Theory]
    [InlineData("", "v", "The TagKey you have provided is invalid")]
    [InlineData("a,b", "v", "The TagKey you have provided is invalid")]
    [InlineData("a\tb", "v", "The TagKey you have provided is invalid")]
    [InlineData("k", "x<y", "The TagValue you have provided is invalid")]
    [InlineData("k", "line\n", "The TagValue you have provided is invalid")]
    [InlineData("aws:stack", "v", "Your TagKey cannot be prefixed with aws:")]
    [InlineData("AWS:stack", "v", "Your TagKey cannot be prefixed with aws:")]
    public void ForObject_BadCharactersOrReservedPrefix_InvalidTag(string key, string value, string message)
    {
        var e = Assert.Throws<S3Exception>(() => TagSet.ForObject([new(key, value)]));

        Assert.Equal(("InvalidTag", 400, message), (e.Error.Code, e.Error.HttpStatus, e.Message));
    }

    [Fact]
    public void ForObject_UnicodeLettersNumbersAndSpaces_Accepted()
    {
        var tags = TagSet.ForObject([new("Größe", "ünï cødé ٣ 名前\u00a0x")]);

        Assert.Equal("Größe", tags[0].Key);
    }

    [Fact]
    public void ForObject_DuplicateKeys_InvalidTag()
    {
        var e = Assert.Throws<S3Exception>(() => TagSet.ForObject([new("k", "1"), new("k", "2")]));

        Assert.Equal(("InvalidTag", "Cannot provide multiple Tags with the same key"), (e.Error.Code, e.Message));
    }

    [Fact]
    public void ForBucket_FiftyAccepted_FiftyOneInvalidTag()
    {
        Assert.Equal(50, TagSet.ForBucket(Enumerable.Range(0, 50).Select(i => new Tag($"k{i:00}", "v")).ToArray()).Count);

        var e = Assert.Throws<S3Exception>(() => TagSet.ForBucket(Enumerable.Range(0, 51).Select(i => new Tag($"k{i:00}", "v")).ToArray()));
        Assert.Equal("InvalidTag", e.Error.Code);
    }

    [Fact]
    public void ForBucket_SystemTag_InvalidTag()
    {
        var e = Assert.Throws<S3Exception>(() => TagSet.ForBucket([new("aws:cloudformation:stack-name", "x")]));

        Assert.Equal(("InvalidTag", "System tags cannot be added/updated by requester"), (e.Error.Code, e.Message));
    }

    [Fact]
    public void ForObject_Empty_IsTheSharedEmptySet() => Assert.Same(TagSet.Empty, TagSet.ForObject([]));
}
