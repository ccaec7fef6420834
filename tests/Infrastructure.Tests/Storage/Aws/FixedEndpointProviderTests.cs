using System.Collections;
using Amazon.Runtime.Endpoints;
using Amazon.S3.Endpoints;
using Amazon.S3.Internal;
using BleepStore.Infrastructure.Storage.Aws;

namespace BleepStore.Infrastructure.Tests.Storage.Aws;

/// <summary>The gateway's once-per-bucket cache of the SDK's S3 endpoint rules (explicit endpoint, path style).</summary>
public sealed class FixedEndpointProviderTests
{
    private static S3EndpointParameters Params(string bucket, string? key) => new()
    {
        Bucket = bucket,
        Key = key,
        Region = "us-east-1",
        Endpoint = "http://127.0.0.1:9000",
        ForcePathStyle = true,
        UseFIPS = false,
        UseDualStack = false,
        Accelerate = false,
        UseGlobalEndpoint = false,
        DisableMultiRegionAccessPoints = false,
        UseArnRegion = true,
    };

    [Theory]
    [InlineData("bucket-a", "plain")]
    [InlineData("bucket-a", "dir/sub dir/é 😀 +%&=.bin")]
    [InlineData("bucket-b", null)]
    public void ResolveEndpoint_WhatTheRulesSay_ForAnyKeyAfterTheFirst(string bucket, string? key)
    {
        var rules = new AmazonS3EndpointProvider();
        var cached = new FixedEndpointProvider(rules);
        cached.ResolveEndpoint(Params(bucket, "first/key"));

        var expected = rules.ResolveEndpoint(Params(bucket, key));
        var actual = cached.ResolveEndpoint(Params(bucket, key));

        Assert.Equal(expected.URL, actual.URL);
        Assert.Equal(Describe(expected), Describe(actual));
        Assert.StartsWith("http://127.0.0.1:9000/" + bucket, actual.URL, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveEndpoint_ChangingAnAnswer_DoesNotChangeTheNext()
    {
        var cached = new FixedEndpointProvider(new AmazonS3EndpointProvider());
        var first = cached.ResolveEndpoint(Params("bucket-a", "k"));

        first.URL += "/";

        Assert.Equal("http://127.0.0.1:9000/bucket-a", cached.ResolveEndpoint(Params("bucket-a", "k")).URL);
    }

    /// <summary>The signing attributes the pipeline reads: each auth scheme's name, signing name and region, double encoding.</summary>
    private static string Describe(Endpoint endpoint)
    {
        var schemes = (IList)endpoint.Attributes["authSchemes"];
        return string.Join(";", schemes.Cast<PropertyBag>().Select(s => $"{s["name"]},{s["signingName"]},{s["signingRegion"]},{s["disableDoubleEncoding"]}"));
    }
}
