using BleepStore.Domain.Cors;
using BleepStore.Domain.Errors;

namespace BleepStore.Domain.Tests.Cors;

public sealed class CorsConfigurationTests
{
    private static CorsRule Rule(string[] methods, string[] origins, string[]? headers = null, string[]? expose = null, string? id = null, int? maxAge = null) =>
        new(id, methods, origins, headers ?? [], expose ?? [], maxAge);

    [Fact]
    public void Validate_HundredRulesWithEveryMethodAndOneWildcard_Accepted()
    {
        var rules = Enumerable.Range(0, 100)
            .Select(i => Rule(["GET", "PUT", "HEAD", "POST", "DELETE"], [$"https://*.site{i}.example"], ["x-amz-*"], ["ETag"], $"r{i}", 3000))
            .ToArray();

        CorsConfiguration.Validate(rules);
    }

    [Fact]
    public void Validate_NoRuleOrMoreThanHundred_IsMalformedXml()
    {
        Assert.Equal(S3Errors.MalformedXML, Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([])).Error);
        var many = Enumerable.Repeat(Rule(["GET"], ["*"]), 101).ToArray();
        Assert.Equal(S3Errors.MalformedXML, Assert.Throws<S3Exception>(() => CorsConfiguration.Validate(many)).Error);
    }

    [Fact]
    public void Validate_RuleWithoutMethodOrOrigin_IsMalformedXml()
    {
        Assert.Equal(S3Errors.MalformedXML, Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([Rule([], ["*"])])).Error);
        Assert.Equal(S3Errors.MalformedXML, Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([Rule(["GET"], [])])).Error);
    }

    [Theory]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    [InlineData("get")]
    [InlineData("*")]
    public void Validate_UnsupportedMethod_IsInvalidRequestNamingIt(string method)
    {
        var e = Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([Rule(["GET", method], ["*"])]));

        Assert.Equal(S3Errors.InvalidRequest, e.Error);
        Assert.Equal("Found unsupported HTTP method in CORS config. Unsupported method is " + method, e.Message);
    }

    [Fact]
    public void Validate_TwoWildcards_AreInvalidRequest()
    {
        var origin = Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([Rule(["GET"], ["https://*.example.*"])]));
        var header = Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([Rule(["GET"], ["*"], ["x-*-*"])]));
        var expose = Assert.Throws<S3Exception>(() => CorsConfiguration.Validate([Rule(["GET"], ["*"], expose: ["x-*"])]));

        Assert.Equal("AllowedOrigin \"https://*.example.*\" can not have more than one wildcard.", origin.Message);
        Assert.Equal("AllowedHeader \"x-*-*\" can not have more than one wildcard.", header.Message);
        Assert.Equal(S3Errors.InvalidRequest, expose.Error);
        Assert.StartsWith("ExposeHeader \"x-*\" contains wildcard.", expose.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Match_FirstRuleAllowingOriginAndMethodWins()
    {
        var first = Rule(["PUT"], ["https://app.example"], id: "put-only");
        var second = Rule(["GET", "HEAD"], ["https://*.example"], id: "read");
        var third = Rule(["GET"], ["*"], id: "any");

        Assert.Equal("read", CorsConfiguration.Match([first, second, third], "https://app.example", "GET")?.Id);
        Assert.Equal("put-only", CorsConfiguration.Match([first, second, third], "https://app.example", "PUT")?.Id);
        Assert.Equal("any", CorsConfiguration.Match([first, second, third], "https://other.test", "GET")?.Id);
        Assert.Null(CorsConfiguration.Match([first, second, third], "https://other.test", "PUT"));
        Assert.Null(CorsConfiguration.Match([first, second, third], "https://other.test", "DELETE"));
    }

    [Fact]
    public void Match_OriginIsCaseSensitive_WildcardMatchesAnyRunIncludingEmpty()
    {
        var rule = Rule(["GET"], ["http://*.example.com"]);

        Assert.NotNull(CorsConfiguration.Match([rule], "http://a.b.example.com", "GET"));
        Assert.NotNull(CorsConfiguration.Match([rule], "http://.example.com", "GET"));
        Assert.Null(CorsConfiguration.Match([rule], "http://example.com", "GET"));
        Assert.Null(CorsConfiguration.Match([rule], "HTTP://a.example.com", "GET"));
        Assert.Null(CorsConfiguration.Match([rule], "http://a.example.com.evil", "GET"));
        Assert.Null(CorsConfiguration.Match([rule], "http://a.example.com", "get"));
    }

    [Fact]
    public void Match_PreflightHeaders_EachMustMatchAnAllowedHeaderIgnoringCase()
    {
        var narrow = Rule(["PUT"], ["*"], ["Content-Type", "x-amz-*"], id: "narrow");
        var wide = Rule(["PUT"], ["*"], ["*"], id: "wide");

        Assert.Equal("narrow", CorsConfiguration.Match([narrow, wide], "o", "PUT", ["content-type", "X-AMZ-DATE", "x-amz-content-sha256"])?.Id);
        Assert.Equal("wide", CorsConfiguration.Match([narrow, wide], "o", "PUT", ["content-type", "authorization"])?.Id);
        Assert.Null(CorsConfiguration.Match([narrow], "o", "PUT", ["authorization"]));
        Assert.Null(CorsConfiguration.Match([Rule(["PUT"], ["*"])], "o", "PUT", ["content-type"]));
        Assert.NotNull(CorsConfiguration.Match([Rule(["PUT"], ["*"])], "o", "PUT", []));
    }

    [Fact]
    public void SplitHeaderList_TrimsAndDropsEmpty()
    {
        Assert.Equal(["a", "B-c", "d"], CorsConfiguration.SplitHeaderList(" a,B-c , ,d,"));
        Assert.Empty(CorsConfiguration.SplitHeaderList(null));
        Assert.Empty(CorsConfiguration.SplitHeaderList("  "));
    }
}
