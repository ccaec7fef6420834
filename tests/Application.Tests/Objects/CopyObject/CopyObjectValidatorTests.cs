using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;
using BleepStore.Domain.Access;

namespace BleepStore.Application.Tests.Objects.CopyObject;

public sealed class CopyObjectValidatorTests
{
    private static readonly CopyObjectValidator Validator = new();

    private static CopyObjectCommand Command(string source = "src/key", string? metadata = null, string? tagging = null) => new()
    {
        Context = S3RequestContext.Trusted(new Owner("o", "o")),
        Bucket = "b",
        Key = "k",
        CopySource = source,
        MetadataDirective = metadata,
        TaggingDirective = tagging,
    };

    [Theory]
    [InlineData("src/key", null, null)]
    [InlineData("/src/a/b%20c?versionId=null", "COPY", "COPY")]
    [InlineData("src/key", "REPLACE", "REPLACE")]
    public void Validate_SourceAndDirectivesWellFormed_Passes(string source, string? metadata, string? tagging) =>
        ValidatorAssert.Passes(Validator, Command(source, metadata, tagging));

    [Theory]
    [InlineData("")]
    [InlineData("bucket-only")]
    [InlineData("/bucket/")]
    [InlineData("/key-without-bucket")]
    [InlineData("%2Fbucket")]
    public void Validate_SourceWithoutBucketAndKey_InvalidArgumentEchoingIt(string source) =>
        ValidatorAssert.Fails(Validator, Command(source), "InvalidArgument",
            "Copy Source must mention the source bucket and key: sourcebucket/sourcekey", "x-amz-copy-source", source);

    [Theory]
    [InlineData("copy")]
    [InlineData("MOVE")]
    [InlineData("")]
    public void Validate_UnknownMetadataDirective_InvalidArgument(string directive) =>
        ValidatorAssert.Fails(Validator, Command(metadata: directive), "InvalidArgument", "Unknown metadata directive.", "x-amz-metadata-directive", directive);

    [Theory]
    [InlineData("replace")]
    [InlineData("KEEP")]
    public void Validate_UnknownTaggingDirective_InvalidArgument(string directive) =>
        ValidatorAssert.Fails(Validator, Command(tagging: directive), "InvalidArgument", "Unknown tagging directive.", "x-amz-tagging-directive", directive);

    [Fact]
    public void Validate_BadSourceAndBadDirective_SourceReportedFirst() =>
        ValidatorAssert.Fails(Validator, Command("nokey", "MOVE"), "InvalidArgument", argumentName: "x-amz-copy-source", argumentValue: "nokey");

    [Fact]
    public void Validate_BadMetadataAndTaggingDirectives_MetadataReportedFirst() =>
        ValidatorAssert.Fails(Validator, Command(metadata: "x", tagging: "y"), "InvalidArgument", argumentName: "x-amz-metadata-directive", argumentValue: "x");
}
