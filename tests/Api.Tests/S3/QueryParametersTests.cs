using BleepStore.Api.S3;

namespace BleepStore.Api.Tests.S3;

public sealed class QueryParametersTests
{
    [Fact]
    public void Parse_SelectorWithoutValue_IsPresentAndEmpty()
    {
        var q = QueryParameters.Parse("acl&uploads=&x=1");

        Assert.True(q.Has("acl"));
        Assert.Equal("", q.Get("acl"));
        Assert.True(q.Has("uploads"));
        Assert.Equal("", q.Get("uploads"));
        Assert.Equal("1", q.Get("x"));
        Assert.False(q.Has("y"));
        Assert.Null(q.Get("y"));
    }

    [Fact]
    public void Parse_DecodesNamesAndValues_PlusIsSpace()
    {
        var q = QueryParameters.Parse("prefix=a%2Fb+c&response-content-type=text%2Fplain%3B%20charset%3Dutf-8&%6Barker=1");

        Assert.Equal("a/b c", q.Get("prefix"));
        Assert.Equal("text/plain; charset=utf-8", q.Get("response-content-type"));
        Assert.Equal("1", q.Get("karker"));
    }

    [Fact]
    public void Parse_FirstOccurrenceWins_AndEmptyPartsAreSkipped()
    {
        var q = QueryParameters.Parse("&a=1&&a=2&");

        Assert.Equal("1", q.Get("a"));
        Assert.Equal(2, q.Count);
    }

    [Fact]
    public void Parse_Empty_IsEmpty() => Assert.Equal(0, QueryParameters.Parse("").Count);
}
