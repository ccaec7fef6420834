using BleepStore.Application.Tagging;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Tagging;

public sealed class TaggingHeaderTests
{
    [Fact]
    public void Parse_QueryForm_DecodedAndSortedByKey()
    {
        var tags = TaggingHeader.Parse("project=blue%20sky&env=prod+east&n%C3%A4me=%E5%90%8D");

        Assert.Equal([("env", "prod east"), ("näme", "名"), ("project", "blue sky")], tags.Select(t => (t.Key, t.Value)));
    }

    [Fact]
    public void Parse_NameWithoutEquals_HoldsEmptyValue()
    {
        var tags = TaggingHeader.Parse("foo=bar&bar");

        Assert.Equal([("bar", ""), ("foo", "bar")], tags.Select(t => (t.Key, t.Value)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Absent_NoTags(string? header) => Assert.Empty(TaggingHeader.Parse(header));

    [Theory]
    [InlineData("a=1&a=2")]
    [InlineData("TagSet=[{Key=string,Value=string}]")]
    public void Parse_DuplicateNamesOrSeveralEquals_InvalidArgument(string header)
    {
        var e = Assert.Throws<S3Exception>(() => TaggingHeader.Parse(header));

        Assert.Equal("InvalidArgument", e.Error.Code);
        Assert.Equal("The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.", e.Message);
        Assert.Contains(e.Details, d => d.Key == "ArgumentName" && d.Value == "x-amz-tagging");
    }

    [Fact]
    public void Parse_ElevenTags_BadRequest()
    {
        var header = string.Join('&', Enumerable.Range(0, 11).Select(i => $"k{i}=v"));

        Assert.Equal("BadRequest", Assert.Throws<S3Exception>(() => TaggingHeader.Parse(header)).Error.Code);
    }

    [Fact]
    public void Parse_KeyWithBracketsAfterDecoding_InvalidTag() =>
        Assert.Equal("InvalidTag", Assert.Throws<S3Exception>(() => TaggingHeader.Parse("TagSet%3D%5B%7BKey%3Dstring%2CValue%3Dstring%7D%5D")).Error.Code);
}
