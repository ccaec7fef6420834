using System.Text;
using BleepStore.Application.Objects.PostObject;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Tests.Objects.PostObject;

public sealed class PostPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    private static PostPolicy Parse(string json) => PostPolicy.Parse(Encode(json));

    private static PostForm Form(params (string Name, string Value)[] fields) => new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList());

    private static S3Exception Denied(string json, PostForm form, string bucket = "bkt") =>
        Assert.Throws<S3Exception>(() => Parse(json).Evaluate(bucket, form, Now));

    [Theory]
    [InlineData("not base64 !", "Invalid Policy: Invalid Base64 Encoding.")]
    public void Parse_BadBase64_InvalidPolicyDocument(string text, string message)
    {
        var e = Assert.Throws<S3Exception>(() => PostPolicy.Parse(text));
        Assert.Equal(("InvalidPolicyDocument", 400, message), (e.Error.Code, e.Error.HttpStatus, e.Message));
    }

    [Theory]
    [InlineData("{not json", "Invalid Policy: Invalid JSON.")]
    [InlineData("[]", "Invalid Policy: Invalid JSON.")]
    [InlineData("{\"conditions\": []}", "Invalid Policy: Policy missing expiration.")]
    [InlineData("{\"EXPIRATION\": \"2030-01-01T00:00:00Z\", \"conditions\": []}", "Invalid Policy: Policy missing expiration.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\"}", "Invalid Policy: Policy missing conditions.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"CONDITIONS\": []}", "Invalid Policy: Policy missing conditions.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": {}}", "Invalid Policy: Invalid 'conditions' value: must be a List.")]
    [InlineData("{\"expiration\": \"1 Jan 2030\", \"conditions\": []}", "Invalid Policy: Invalid 'expiration' value: '1 Jan 2030'")]
    [InlineData("{\"expiration\": 5, \"conditions\": []}", "Invalid Policy: Invalid 'expiration' value: '5'")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [{}]}", "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [{\"a\": \"1\", \"b\": \"2\"}]}", "Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"content-length-range\", -1, 0]]}", "Invalid Policy: Invalid content-length-range: [\"content-length-range\", -1, 0]")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"content-length-range\", 0]]}", "Invalid Policy: Invalid content-length-range: [\"content-length-range\", 0]")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"content-length-range\", 10, 5]]}", "Invalid Policy: Invalid content-length-range: [\"content-length-range\", 10, 5]")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"matches\", \"$key\", \"a\"]]}", "Invalid Policy: Invalid Condition: unknown operation 'matches'")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"eq\", \"key\", \"a\"]]}", "Invalid Policy: Invalid Condition: field name must start with '$': [\"eq\", \"key\", \"a\"]")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [[\"eq\", \"$key\"]]}", "Invalid Policy: Invalid Condition: [\"eq\", \"$key\"]")]
    [InlineData("{\"expiration\": \"2030-01-01T00:00:00Z\", \"conditions\": [\"eq\"]}", "Invalid Policy: Invalid 'conditions' value: \"eq\"")]
    public void Parse_Malformed_InvalidPolicyDocument(string json, string message)
    {
        var e = Assert.Throws<S3Exception>(() => Parse(json));
        Assert.Equal(("InvalidPolicyDocument", message), (e.Error.Code, e.Message));
    }

    [Fact]
    public void Parse_ReadsExpirationConditionsAndLengthRange()
    {
        var policy = Parse("""{"expiration": "2026-03-01T12:30:00.000Z", "conditions": [{"bucket": "bkt"}, ["StArTs-WiTh", "$key", "up/"], ["content-length-range", "1", 1048576]]}""");

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.Zero), policy.Expiration);
        Assert.Equal([new PostCondition("eq", "bucket", "bkt"), new PostCondition("starts-with", "key", "up/")], policy.Conditions);
        Assert.Equal((1L, 1048576L), (policy.MinLength, policy.MaxLength));
    }

    [Fact]
    public void Evaluate_FormTheConditionsAllow_Passes()
    {
        var policy = Parse("""{"expiration": "2026-03-01T12:30:00Z", "conditions": [{"bUcKeT": "bkt"}, ["starts-with", "$KEY", "up/"], ["eq", "$x-amz-meta-a", "b"], ["starts-with", "$Content-Type", ""]]}""");

        policy.Evaluate("bkt", Form(("Key", "up/x"), ("x-amz-meta-a", "b"), ("content-type", "image/png"), ("policy", "p"), ("x-amz-signature", "s"), ("x-ignore-me", "1")), Now);
        policy.Evaluate("bkt", Form(("key", "up/x"), ("x-amz-meta-a", "b")), Now); // an absent field is empty: "" starts with ""
    }

    [Fact]
    public void Evaluate_Expired_AccessDenied()
    {
        var e = Denied("""{"expiration": "2026-03-01T11:59:59Z", "conditions": [{"bucket": "bkt"}]}""", Form(("key", "k")));
        Assert.Equal(("AccessDenied", 403, "Invalid according to Policy: Policy expired."), (e.Error.Code, e.Error.HttpStatus, e.Message));
    }

    [Theory]
    [InlineData("[\"eq\", \"$key\", \"k\"]", "K", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\", \"k\"]")]
    [InlineData("[\"starts-with\", \"$key\", \"up/\"]", "down/k", "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"up/\"]")]
    [InlineData("{\"key\": \"k\"}", "k2", "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\", \"k\"]")]
    public void Evaluate_ConditionNotMet_AccessDeniedQuotingIt(string condition, string key, string message)
    {
        var e = Denied($$"""{"expiration": "2026-03-01T12:30:00Z", "conditions": [{"bucket": "bkt"}, {{condition}}]}""", Form(("key", key)));
        Assert.Equal(("AccessDenied", message), (e.Error.Code, e.Message));
    }

    [Fact]
    public void Evaluate_WrongBucket_AccessDenied() =>
        Assert.Equal("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$bucket\", \"bkt\"]",
            Denied("""{"expiration": "2026-03-01T12:30:00Z", "conditions": [{"bucket": "bkt"}, ["starts-with", "$key", ""]]}""", Form(("key", "k")), bucket: "other").Message);

    [Fact]
    public void Evaluate_NoBucketCondition_AccessDenied() =>
        Assert.Equal("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$bucket\", \"bkt\"]",
            Denied("""{"expiration": "2026-03-01T12:30:00Z", "conditions": [["starts-with", "$key", ""]]}""", Form(("key", "k"))).Message);

    [Fact]
    public void Evaluate_FieldNoConditionNames_ExtraInputFields()
    {
        var e = Denied("""{"expiration": "2026-03-01T12:30:00Z", "conditions": [{"bucket": "bkt"}, ["starts-with", "$key", ""]]}""",
            Form(("key", "k"), ("Content-Type", "text/plain"), ("x-amz-meta-a", "1"), ("AWSAccessKeyId", "a"), ("signature", "s"), ("policy", "p")));
        Assert.Equal(("AccessDenied", "Invalid according to Policy: Extra input fields: content-type, x-amz-meta-a"), (e.Error.Code, e.Message));
    }

    [Fact]
    public void Evaluate_SigV4FieldsNeedConditionsToo()
    {
        var e = Denied("""{"expiration": "2026-03-01T12:30:00Z", "conditions": [{"bucket": "bkt"}, ["starts-with", "$key", ""]]}""",
            Form(("key", "k"), ("x-amz-algorithm", "AWS4-HMAC-SHA256"), ("x-amz-signature", "s")));
        Assert.Equal("Invalid according to Policy: Extra input fields: x-amz-algorithm", e.Message);
    }

    [Theory]
    [InlineData("2026-03-01T12:00:00Z", true)]
    [InlineData("2026-03-01T12:00:00.123Z", true)]
    [InlineData("2026-03-01T12:00:00+01:00", false)]
    [InlineData("2026-03-01", false)]
    [InlineData("20260301T120000Z", false)]
    public void TryParseExpiration_IsoUtc(string text, bool ok) => Assert.Equal(ok, PostPolicy.TryParseExpiration(text, out _));
}
