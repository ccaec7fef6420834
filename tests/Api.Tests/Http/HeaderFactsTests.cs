using BleepStore.Api.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace BleepStore.Api.Tests.Http;

public sealed class HeaderFactsTests
{
    private static HeaderFacts Facts(params (string Name, StringValues Values)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, values) in headers)
        {
            dictionary[name] = values;
        }

        return new HeaderFacts(dictionary);
    }

    [Fact]
    public void TryGetValue_AnyCase_FindsTheHeader()
    {
        var facts = Facts(("X-Amz-Date", "20130524T000000Z"));

        Assert.True(facts.TryGetValue("x-amz-date", out var value));
        Assert.Equal("20130524T000000Z", value);
        Assert.Equal("20130524T000000Z", facts["X-AMZ-DATE"]);
        Assert.True(facts.ContainsKey("X-amz-DATE"));
    }

    [Fact]
    public void TryGetValue_RepeatedHeader_JoinsValuesWithComma()
    {
        var facts = Facts(("x-amz-meta-a", new StringValues(["one", "two"])));

        Assert.Equal("one,two", facts["x-amz-meta-a"]);
        Assert.Equal([new KeyValuePair<string, string>("x-amz-meta-a", "one,two")], facts);
    }

    [Fact]
    public void TryGetValue_Missing_FalseAndIndexerThrows()
    {
        var facts = Facts(("Host", "localhost"));

        Assert.False(facts.TryGetValue("x-amz-date", out _));
        Assert.Throws<KeyNotFoundException>(() => facts["x-amz-date"]);
        Assert.Single(facts);
        Assert.Equal(["Host"], facts.Keys);
        Assert.Equal(["localhost"], facts.Values);
    }
}
