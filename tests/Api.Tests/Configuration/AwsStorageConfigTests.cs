using BleepStore.Api.Configuration;

namespace BleepStore.Api.Tests.Configuration;

public sealed class AwsStorageConfigTests
{
    private static readonly string Wd = Path.GetTempPath();

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Parse_AllAwsKeys_Read()
    {
        var c = ConfigLoader.Parse("""
            storage:
              backend: aws
              aws:
                bucket: my-bucket
                region: eu-west-1
                prefix: bs/
                endpoint_url: http://127.0.0.1:9999
                use_path_style: true
                access_key_id: AKIA1
                secret_access_key: s3cr3t
                chunk_encoding: false
                server_side_copy: false
            """, Wd);

        var o = c.Storage.Aws.ToOptions(Env());

        Assert.Equal(StorageBackends.Aws, c.Storage.Backend);
        Assert.Equal(("my-bucket", "eu-west-1", "bs/", "http://127.0.0.1:9999"), (o.Bucket, o.Region, o.Prefix, o.EndpointUrl));
        Assert.Equal((true, "AKIA1", "s3cr3t", false, false), (o.UsePathStyle, o.AccessKeyId, o.SecretAccessKey, o.ChunkEncoding, o.ServerSideCopy));
    }

    [Fact]
    public void ToOptions_UnsetKeys_FallBackToTheSdksEnvironmentThenDefaults()
    {
        var c = ConfigLoader.Parse("storage:\n  backend: aws\n  aws:\n    bucket: b\n", Wd);

        var fromEnv = c.Storage.Aws.ToOptions(Env(("AWS_DEFAULT_REGION", "ap-south-1"), ("AWS_ENDPOINT_URL", "http://e"), ("AWS_ENDPOINT_URL_S3", "http://s3")));
        var defaults = c.Storage.Aws.ToOptions(Env());

        Assert.Equal(("ap-south-1", "http://s3"), (fromEnv.Region, fromEnv.EndpointUrl));
        Assert.Equal(("us-east-1", null, "", true, true), (defaults.Region, defaults.EndpointUrl, defaults.Prefix, defaults.ChunkEncoding, defaults.ServerSideCopy));
        // No keys in the file: the SDK's own chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profile, role) decides.
        Assert.Null(defaults.AccessKeyId);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("    response_checksum_validation: when_required\n", false)]
    [InlineData("    response_checksum_validation: WHEN_SUPPORTED\n", true)]
    public void Parse_ResponseChecksumValidation_UnsetLeavesTheSdksOwnSetting(string line, bool? validate)
    {
        var c = ConfigLoader.Parse("storage:\n  aws:\n    bucket: b\n" + line, Wd);

        Assert.Equal(validate, c.Storage.Aws.ToOptions(Env()).ValidateResponseChecksums);
    }

    [Fact]
    public void Parse_ResponseChecksumValidation_OtherValue_NamesTheKey()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("storage:\n  aws:\n    bucket: b\n    response_checksum_validation: never\n", Wd));

        Assert.Equal("storage.aws.response_checksum_validation", ex.Key);
    }

    [Fact]
    public void ToOptions_RegionInFile_WinsOverEnvironment()
    {
        var c = ConfigLoader.Parse("storage:\n  aws:\n    bucket: b\n    region: us-west-2\n", Wd);

        Assert.Equal("us-west-2", c.Storage.Aws.ToOptions(Env(("AWS_REGION", "eu-north-1"))).Region);
    }

    [Theory]
    [InlineData("storage:\n  backend: aws\n", "storage.aws.bucket")]
    [InlineData("storage:\n  aws:\n    bucket: b\n    access_key_id: k\n", "storage.aws.secret_access_key")]
    [InlineData("storage:\n  aws:\n    bucket: b\n    secret_access_key: s\n", "storage.aws.access_key_id")]
    public void ToOptions_MissingRequiredKey_NamesIt(string yaml, string key)
    {
        var c = ConfigLoader.Parse(yaml, Wd);

        var ex = Assert.Throws<ConfigException>(() => c.Storage.Aws.ToOptions(Env()));

        Assert.Equal(key, ex.Key);
    }

    [Fact]
    public void Parse_UnknownBackend_ListsAws()
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("storage:\n  backend: s4\n", Wd));

        Assert.Contains("aws", ex.Message, StringComparison.Ordinal);
    }
}
