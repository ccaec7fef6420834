using BleepStore.Domain.Errors;
using BleepStore.Domain.Lifecycle;
using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Tests.Lifecycle;

public sealed class LifecycleConfigurationTests
{
    private static readonly LifecycleFilter Logs = new(LifecycleFilterShape.Prefix, "logs/", [], null, null);

    private static LifecycleRule Rule(string? id = "r", LifecycleFilter? filter = null, LifecycleExpiration? expiration = null, NoncurrentVersionExpiration? noncurrent = null, int? abort = null) =>
        new(id, true, filter ?? Logs, expiration ?? (noncurrent is null && abort is null ? new LifecycleExpiration(1, null, null) : null), noncurrent, abort);

    private static S3Exception Refused(params LifecycleRule[] rules) => Assert.Throws<S3Exception>(() => LifecycleConfiguration.Validate(rules));

    [Fact]
    public void Validate_GoodRules_Pass()
    {
        LifecycleConfiguration.Validate(
        [
            Rule("a"),
            Rule("b", LifecycleFilter.All, new LifecycleExpiration(null, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero), null)),
            Rule("c", new LifecycleFilter(LifecycleFilterShape.And, "x/", [new("k", "v"), new("k2", "")], 10, 20), noncurrent: new NoncurrentVersionExpiration(3, 2)),
            Rule(null, abort: 7),
            Rule("e", expiration: new LifecycleExpiration(null, null, true)),
        ]);
    }

    [Fact]
    public void Validate_NoRulesOrMoreThan1000_MalformedXml()
    {
        Assert.Equal("MalformedXML", Refused().Error.Code);
        Assert.Equal("MalformedXML", Refused([.. Enumerable.Range(0, 1001).Select(i => Rule($"r{i}"))]).Error.Code);
        LifecycleConfiguration.Validate([.. Enumerable.Range(0, 1000).Select(i => Rule($"r{i}"))]);
    }

    [Fact]
    public void Validate_S3sArgumentErrors()
    {
        Assert.Equal(("InvalidArgument", "ID length should not exceed allowed limit of 255"), Code(Refused(Rule(new string('i', 256)))));
        Assert.Equal(("InvalidArgument", "Rule ID must be unique. Found same ID for more than one rule"), Code(Refused(Rule("x"), Rule("x"))));
        Assert.Equal(("InvalidRequest", "At least one action needs to be specified in a rule"), Code(Refused(new LifecycleRule("n", true, Logs, null, null, null))));
        Assert.Equal(("InvalidArgument", "'Days' for Expiration action must be a positive integer"), Code(Refused(Rule(expiration: new(0, null, null)))));
        Assert.Equal(("InvalidArgument", "'Date' must be at midnight GMT"), Code(Refused(Rule(expiration: new(null, new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero), null)))));
        Assert.Equal("MalformedXML", Refused(Rule(expiration: new(1, null, true))).Error.Code);
        Assert.Equal("MalformedXML", Refused(Rule(expiration: new(null, null, null))).Error.Code);
        Assert.Equal("InvalidArgument", Refused(Rule(noncurrent: new(0, null))).Error.Code);
        Assert.Equal("InvalidArgument", Refused(Rule(noncurrent: new(1, 101))).Error.Code);
        Assert.Equal(("InvalidArgument", "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer"), Code(Refused(Rule(abort: 0))));
        var tagged = new LifecycleFilter(LifecycleFilterShape.Tag, null, [new("k", "v")], null, null);
        Assert.Equal(("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags."), Code(Refused(Rule(filter: tagged, abort: 1))));
        Assert.Equal("InvalidRequest", Refused(Rule(filter: tagged, expiration: new(null, null, true))).Error.Code);
        Assert.Equal(("InvalidRequest", "Duplicate Tag Keys are not allowed."), Code(Refused(Rule(filter: new(LifecycleFilterShape.And, null, [new("k", "1"), new("k", "2")], null, null)))));
        Assert.Equal("InvalidRequest", Refused(Rule(filter: new(LifecycleFilterShape.And, null, [], 20, 20))).Error.Code);
    }

    [Theory]
    [InlineData("2026-01-15T10:30:00Z", 3, "2026-01-19T00:00:00Z")] // AWS's own example: created 1/15 10:30, 3 days → 1/19 00:00 UTC
    [InlineData("2026-01-15T00:00:00Z", 1, "2026-01-16T00:00:00Z")]
    [InlineData("2026-01-15T23:59:59.999Z", 1, "2026-01-17T00:00:00Z")]
    public void AfterDays_RoundsUpToTheNextMidnightUtc(string from, int days, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), LifecycleConfiguration.AfterDays(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), days, LifecycleConfiguration.StandardDay));
    }

    [Fact]
    public void AfterDays_ShortDay_RoundsToWholeShortDays()
    {
        var day = TimeSpan.FromSeconds(2);
        var from = DateTimeOffset.UnixEpoch.AddSeconds(1001);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1006), LifecycleConfiguration.AfterDays(from, 2, day));
    }

    [Fact]
    public void Filter_MatchesPrefixSizeStrictlyAndEveryTag()
    {
        var f = new LifecycleFilter(LifecycleFilterShape.And, "a/", [new("k", "v")], 10, 20);
        Assert.True(f.MatchesKeyAndSize("a/x", 11));
        Assert.False(f.MatchesKeyAndSize("a/x", 10));
        Assert.False(f.MatchesKeyAndSize("a/x", 20));
        Assert.False(f.MatchesKeyAndSize("b/x", 15));
        Assert.True(f.MatchesTags([new Tag("z", "1"), new Tag("k", "v")]));
        Assert.False(f.MatchesTags([new Tag("k", "w")]));
        Assert.False(f.MatchesTags([]));
        Assert.True(LifecycleFilter.All.MatchesKeyAndSize("anything", 0));
    }

    [Fact]
    public void MarkerExpiry_MarkerFlagAtOnce_DaysWhenOldEnough_FalseNever()
    {
        var at = new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero);
        Assert.Equal(at, LifecycleConfiguration.MarkerExpiry(new(null, null, true), at, LifecycleConfiguration.StandardDay));
        Assert.Null(LifecycleConfiguration.MarkerExpiry(new(null, null, false), at, LifecycleConfiguration.StandardDay));
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), LifecycleConfiguration.MarkerExpiry(new(1, null, null), at, LifecycleConfiguration.StandardDay));
    }

    [Fact]
    public void ExpiryOf_EarliestEnabledMatchingRule()
    {
        var at = new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero);
        LifecycleRule[] rules =
        [
            Rule("long", LifecycleFilter.All, new(10, null, null)),
            Rule("short", Logs, new(2, null, null)),
            new("off", false, LifecycleFilter.All, new(1, null, null), null, null),
        ];

        Assert.Equal(("short", new DateTimeOffset(2026, 3, 4, 0, 0, 0, TimeSpan.Zero)), Pick(LifecycleConfiguration.ExpiryOf(rules, "logs/a", 1, [], at, LifecycleConfiguration.StandardDay)));
        Assert.Equal("long", Pick(LifecycleConfiguration.ExpiryOf(rules, "other", 1, [], at, LifecycleConfiguration.StandardDay)).Id);
        Assert.Null(LifecycleConfiguration.ExpiryOf([rules[2]], "other", 1, [], at, LifecycleConfiguration.StandardDay));
    }

    private static (string? Id, DateTimeOffset At) Pick((LifecycleRule Rule, DateTimeOffset Expiry)? found) => (found!.Value.Rule.Id, found.Value.Expiry);

    private static (string Code, string Message) Code(S3Exception e) => (e.Error.Code, e.Message);
}
