using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;

namespace BleepStore.Api.Tests.Integration;

/// <summary>Bucket lifecycle configuration through AWSSDK.S3: the XML both ways (docs/lifecycle.md).</summary>
public sealed class LifecycleTests : IClassFixture<BleepStoreFactory>
{
    private readonly IAmazonS3 _s3;

    public LifecycleTests(BleepStoreFactory factory)
    {
        _s3 = factory.CreateS3Client();
    }

    [Fact]
    public async Task PutGetDelete_EveryFilterAndAction_RoundTrips_MissingIsNoSuchLifecycleConfiguration()
    {
        var bucket = S3Assert.NewBucket("lc");
        await _s3.PutBucketAsync(bucket);
        // The SDK reads NoSuchLifecycleConfiguration as an empty configuration (the 404 itself: LifecycleDocumentTests).
        Assert.Empty((await _s3.GetLifecycleConfigurationAsync(bucket)).Configuration?.Rules ?? []);

        var date = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new LifecycleConfiguration
            {
                Rules =
                [
                    new LifecycleRule { Id = "logs", Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { Prefix = "logs/" }, Expiration = new LifecycleRuleExpiration { Days = 3 } },
                    new LifecycleRule
                    {
                        Id = "and",
                        Status = LifecycleRuleStatus.Disabled,
                        Filter = new LifecycleFilter { And = new LifecycleRuleAndOperator { Prefix = "x/", Tags = [new Tag { Key = "k", Value = "v" }], ObjectSizeGreaterThan = 10, ObjectSizeLessThan = 2000 } },
                        Expiration = new LifecycleRuleExpiration { Date = date },
                        NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 5, NewerNoncurrentVersions = 2 },
                    },
                    new LifecycleRule { Id = "tag", Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { Tag = new Tag { Key = "t", Value = "1" } }, NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 1 } },
                    new LifecycleRule { Id = "mpu", Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { Prefix = "" }, AbortIncompleteMultipartUpload = new LifecycleRuleAbortIncompleteMultipartUpload { DaysAfterInitiation = 7 } },
                    new LifecycleRule { Id = "markers", Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { ObjectSizeGreaterThan = 0 }, Expiration = new LifecycleRuleExpiration { ExpiredObjectDeleteMarker = true } },
                ],
            },
        });

        var rules = (await _s3.GetLifecycleConfigurationAsync(bucket)).Configuration.Rules;
        Assert.Equal(["logs", "and", "tag", "mpu", "markers"], rules.Select(r => r.Id));

        // The SDK's reader fills either the filter's properties or its older predicate tree: accept both.
        Assert.Equal(("logs/", 3), (rules[0].Filter.Prefix ?? (rules[0].Filter.LifecycleFilterPredicate as LifecyclePrefixPredicate)?.Prefix, rules[0].Expiration.Days));
        Assert.Equal(LifecycleRuleStatus.Disabled, rules[1].Status);
        var and = rules[1].Filter.And;
        if (and is not null)
        {
            Assert.Equal(("x/", 10L, 2000L), (and.Prefix, and.ObjectSizeGreaterThan, and.ObjectSizeLessThan));
            Assert.Equal(("k", "v"), (and.Tags.Single().Key, and.Tags.Single().Value));
        }
        else
        {
            var operands = ((LifecycleAndOperator)rules[1].Filter.LifecycleFilterPredicate).Operands;
            Assert.Equal("x/", operands.OfType<LifecyclePrefixPredicate>().Single().Prefix);
            Assert.Equal(("k", "v"), (operands.OfType<LifecycleTagPredicate>().Single().Tag.Key, operands.OfType<LifecycleTagPredicate>().Single().Tag.Value));
            Assert.Equal(10L, operands.OfType<LifecycleObjectSizeGreaterThanPredicate>().Single().ObjectSizeGreaterThan);
            Assert.Equal(2000L, operands.OfType<LifecycleObjectSizeLessThanPredicate>().Single().ObjectSizeLessThan);
        }

        Assert.Equal(date, rules[1].Expiration.Date!.Value.ToUniversalTime());
        Assert.Equal((5, 2), (rules[1].NoncurrentVersionExpiration.NoncurrentDays, rules[1].NoncurrentVersionExpiration.NewerNoncurrentVersions));
        var tag = rules[2].Filter.Tag ?? ((LifecycleTagPredicate)rules[2].Filter.LifecycleFilterPredicate).Tag;
        Assert.Equal(("t", "1"), (tag.Key, tag.Value));
        Assert.Equal(7, rules[3].AbortIncompleteMultipartUpload.DaysAfterInitiation);
        Assert.Equal(0L, rules[4].Filter.ObjectSizeGreaterThan ?? ((LifecycleObjectSizeGreaterThanPredicate)rules[4].Filter.LifecycleFilterPredicate).ObjectSizeGreaterThan);
        Assert.True(rules[4].Expiration.ExpiredObjectDeleteMarker);

        Assert.Equal(HttpStatusCode.NoContent, (await _s3.DeleteLifecycleConfigurationAsync(bucket)).HttpStatusCode);
        Assert.Empty((await _s3.GetLifecycleConfigurationAsync(bucket)).Configuration?.Rules ?? []);
    }

    [Fact]
    public async Task PutGetHead_AnswerXAmzExpiration_WhenAnExpirationRuleApplies()
    {
        var bucket = S3Assert.NewBucket("lc");
        await _s3.PutBucketAsync(bucket);
        await _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new LifecycleConfiguration { Rules = [new LifecycleRule { Id = "logs rule", Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { Prefix = "logs/" }, Expiration = new LifecycleRuleExpiration { Days = 3 } }] },
        });

        var put = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "logs/a", ContentBody = "a" });
        var other = await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "other", ContentBody = "b" });
        var head = await _s3.GetObjectMetadataAsync(bucket, "logs/a");
        using var get = await _s3.GetObjectAsync(bucket, "logs/a");

        // Last-Modified + 3 days, rounded up to the next midnight UTC (this factory keeps 86400-second days).
        var expected = head.LastModified!.Value.ToUniversalTime().Date.AddDays(4);
        foreach (var expiration in new[] { put.Expiration, head.Expiration, get.Expiration })
        {
            Assert.Equal("logs rule", expiration.RuleId); // sent URL-encoded, decoded by the SDK
            Assert.Equal(expected, expiration.ExpiryDate.ToUniversalTime());
        }

        Assert.Null(other.Expiration);
        Assert.Null((await _s3.GetObjectMetadataAsync(bucket, "other")).Expiration);
    }

    [Fact]
    public async Task Expiration_NotSentOnReadsByVersionId_CurrentOrNoncurrent()
    {
        // S3 sends x-amz-expiration only when no version id is named (MinIO and Ceph RGW changed to match it).
        var bucket = S3Assert.NewBucket("lc");
        await _s3.PutBucketAsync(bucket);
        await _s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Enabled } });
        await _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest
        {
            BucketName = bucket,
            Configuration = new LifecycleConfiguration
            {
                Rules =
                [
                    new LifecycleRule
                    {
                        Id = "all",
                        Status = LifecycleRuleStatus.Enabled,
                        Filter = new LifecycleFilter { Prefix = "" },
                        Expiration = new LifecycleRuleExpiration { Days = 3 },
                        NoncurrentVersionExpiration = new LifecycleRuleNoncurrentVersionExpiration { NoncurrentDays = 1 },
                    },
                ],
            },
        });

        var old = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "1" })).VersionId;
        var current = (await _s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", ContentBody = "2" })).VersionId;

        Assert.Equal("all", (await _s3.GetObjectMetadataAsync(bucket, "k")).Expiration.RuleId);
        foreach (var versionId in new[] { current, old })
        {
            Assert.Null((await _s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k", VersionId = versionId })).Expiration);
            using var get = await _s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = versionId });
            Assert.Null(get.Expiration);
        }
    }

    [Fact]
    public async Task Put_Transition_NotImplemented_ZeroDays_InvalidArgument_NothingStored()
    {
        var bucket = S3Assert.NewBucket("lc");
        await _s3.PutBucketAsync(bucket);
        var transition = new LifecycleRule
        {
            Id = "t",
            Status = LifecycleRuleStatus.Enabled,
            Filter = new LifecycleFilter { Prefix = "" },
            Transitions = [new LifecycleTransition { Days = 30, StorageClass = S3StorageClass.Glacier }],
        };
        await S3Assert.ErrorAsync(() => _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest { BucketName = bucket, Configuration = new LifecycleConfiguration { Rules = [transition] } }), HttpStatusCode.NotImplemented, "NotImplemented");

        var zero = new LifecycleRule { Id = "z", Status = LifecycleRuleStatus.Enabled, Filter = new LifecycleFilter { Prefix = "" }, Expiration = new LifecycleRuleExpiration { Days = 0 } };
        var e = await S3Assert.ErrorAsync(() => _s3.PutLifecycleConfigurationAsync(new PutLifecycleConfigurationRequest { BucketName = bucket, Configuration = new LifecycleConfiguration { Rules = [zero] } }), HttpStatusCode.BadRequest, "InvalidArgument");
        Assert.Equal("'Days' for Expiration action must be a positive integer", e.Message);
        Assert.Empty((await _s3.GetLifecycleConfigurationAsync(bucket)).Configuration?.Rules ?? []);
    }
}

/// <summary>Lifecycle documents the SDK would not send, raw, on an app with <c>auth.enabled: false</c>.</summary>
public sealed class LifecycleDocumentTests : IClassFixture<RawHttpTests.NoAuthFactory>
{
    private const string Good = "<LifecycleConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ID>keep</ID><Filter><Prefix>a/</Prefix></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>";

    private readonly HttpClient _http;

    public LifecycleDocumentTests(RawHttpTests.NoAuthFactory factory)
    {
        _http = factory.CreateClient();
    }

    private async Task<string> BucketWithGoodRulesAsync()
    {
        var bucket = "lcd-" + Guid.NewGuid().ToString("N")[..20];
        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsync($"/{bucket}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(bucket, Good)).StatusCode);
        return bucket;
    }

    private Task<HttpResponseMessage> PutAsync(string bucket, string body, bool md5 = true)
    {
        var content = new StringContent(body);
        if (md5)
        {
            content.Headers.ContentMD5 = MD5.HashData(Encoding.UTF8.GetBytes(body));
        }

        return _http.PutAsync($"/{bucket}?lifecycle", content);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<LifecycleConfiguration/>")]
    [InlineData("<LifecycleConfiguration><Rule><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>")]
    [InlineData("<LifecycleConfiguration><Rule><Prefix/><Filter/><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>")]
    [InlineData("<LifecycleConfiguration><Rule><Filter><Prefix/><Tag><Key>k</Key><Value>v</Value></Tag></Filter><Status>Enabled</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>")]
    [InlineData("<LifecycleConfiguration><Rule><Filter/><Status>On</Status><Expiration><Days>1</Days></Expiration></Rule></LifecycleConfiguration>")]
    [InlineData("<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>one</Days></Expiration></Rule></LifecycleConfiguration>")]
    [InlineData("<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Expiration><Days>1</Days><Date>2030-01-01T00:00:00Z</Date></Expiration></Rule></LifecycleConfiguration>")]
    [InlineData("<LifecycleConfiguration><Rule><Filter/><Status>Enabled</Status><Bogus/></Rule></LifecycleConfiguration>")]
    [InlineData("<Nope/>")]
    [InlineData("<LifecycleConfiguration><Rule")]
    public async Task Put_MalformedDocument_IsMalformedXml_AndKeepsTheOldRules(string body)
    {
        var bucket = await BucketWithGoodRulesAsync();

        using var response = await PutAsync(bucket, body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.Contains("<ID>keep</ID>", await _http.GetStringAsync($"/{bucket}?lifecycle"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_WithoutContentMd5_InvalidRequest_BadMd5_BadDigest_NothingChanged()
    {
        var bucket = await BucketWithGoodRulesAsync();
        var other = Good.Replace("keep", "other", StringComparison.Ordinal);

        var missing = await AssertErrorAsync(await PutAsync(bucket, other, md5: false), HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Equal("Missing required header for this request: Content-MD5", missing);

        var content = new StringContent(other);
        content.Headers.ContentMD5 = MD5.HashData("something else"u8.ToArray());
        await AssertErrorAsync(await _http.PutAsync($"/{bucket}?lifecycle", content), HttpStatusCode.BadRequest, "BadDigest");
        Assert.Contains("<ID>keep</ID>", await _http.GetStringAsync($"/{bucket}?lifecycle"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_LegacyRulePrefix_AndEmptyFilter_AnswerInTheShapeSent()
    {
        var bucket = await BucketWithGoodRulesAsync();
        const string body = "<LifecycleConfiguration><Rule><ID>old</ID><Prefix>p/</Prefix><Status>Enabled</Status><Expiration><Days>2</Days></Expiration></Rule>" +
            "<Rule><ID>all</ID><Filter></Filter><Status>Enabled</Status><Expiration><ExpiredObjectDeleteMarker>true</ExpiredObjectDeleteMarker></Expiration></Rule></LifecycleConfiguration>";
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(bucket, body)).StatusCode);

        var root = XDocument.Parse(await _http.GetStringAsync($"/{bucket}?lifecycle")).Root!;
        XNamespace ns = "http://s3.amazonaws.com/doc/2006-03-01/";
        var rules = root.Elements(ns + "Rule").ToList();
        Assert.Equal(["ID", "Prefix", "Status", "Expiration"], rules[0].Elements().Select(e => e.Name.LocalName));
        Assert.Equal("p/", rules[0].Element(ns + "Prefix")!.Value);
        Assert.Empty(rules[1].Element(ns + "Filter")!.Elements());
        Assert.Equal("true", rules[1].Element(ns + "Expiration")!.Element(ns + "ExpiredObjectDeleteMarker")!.Value);

        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/{bucket}?lifecycle")).StatusCode);
        var message = await AssertErrorAsync(await _http.GetAsync($"/{bucket}?lifecycle"), HttpStatusCode.NotFound, "NoSuchLifecycleConfiguration");
        Assert.Equal("The lifecycle configuration does not exist", message);
    }

    private static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(code, error.Element("Code")!.Value);
        return error.Element("Message")!.Value;
    }
}
