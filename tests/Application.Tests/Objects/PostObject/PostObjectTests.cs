using System.Security.Cryptography;
using System.Text;
using BleepStore.Application.Auth;
using BleepStore.Application.Objects.PostObject;
using BleepStore.Application.Tests.Auth;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Application.Tests.Validation;
using static BleepStore.Application.Tests.Objects.ObjectHandlerFixture;

namespace BleepStore.Application.Tests.Objects.PostObject;

public sealed class PostObjectTests
{
    private const string Secret = "alice-secret";
    private static readonly PostObjectValidator Validator = new();
    private readonly ObjectHandlerFixture _f = new();
    private readonly FakeCredentialStore _credentials = new();

    public PostObjectTests() => _credentials.Add("alice", Secret); // the credential's owner id is Alice's, the bucket owner

    private PostObjectHandler Handler(bool authEnabled = true) =>
        new(_f.Put, new SigV4Authenticator(_credentials, _f.Clock, new SigV4Options(Enabled: authEnabled)), _f.Clock);

    private string Policy(params string[] conditions) =>
        PostPolicyTests.Encode($$"""{"expiration": "{{_f.Clock.UtcNow.AddMinutes(5):yyyy-MM-dd'T'HH:mm:ss'Z'}}", "conditions": [{"bucket": "{{Bucket}}"}, {{string.Join(", ", conditions)}}]}""");

    /// <summary>A Version 4 form: the policy signed with the scope's key, the four x-amz fields named by conditions.</summary>
    private List<KeyValuePair<string, string>> V4Form(string key, string[] conditions, params (string, string)[] fields)
    {
        var date = _f.Clock.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        var credential = $"alice/{date}/us-east-1/s3/aws4_request";
        var amzDate = date + "T120000Z";
        var policy = Policy([.. conditions, "[\"starts-with\", \"$key\", \"\"]", "{\"x-amz-algorithm\": \"AWS4-HMAC-SHA256\"}",
            $"{{\"x-amz-credential\": \"{credential}\"}}", $"{{\"x-amz-date\": \"{amzDate}\"}}"]);
        var signingKey = new byte[32];
        SigV4Signing.DeriveSigningKey(Secret, date, "us-east-1", "s3", signingKey);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(signingKey, Encoding.UTF8.GetBytes(policy)));
        return [new("key", key), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)),
            new("x-amz-algorithm", "AWS4-HMAC-SHA256"), new("x-amz-credential", credential), new("x-amz-date", amzDate),
            new("policy", policy), new("x-amz-signature", signature)];
    }

    private List<KeyValuePair<string, string>> V2Form(string key, string[] conditions, string secret = Secret)
    {
        var policy = Policy([.. conditions, "[\"starts-with\", \"$key\", \"\"]"]);
        var signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(policy)));
        return [new("key", key), new("AWSAccessKeyId", "alice"), new("policy", policy), new("signature", signature)];
    }

    private static PostObjectCommand Command(IReadOnlyList<KeyValuePair<string, string>> fields, byte[]? file, string? fileName = null, bool anonymous = true) => new()
    {
        Context = anonymous ? Anonymous : Context,
        Bucket = Bucket,
        Fields = fields,
        File = file is null ? null : new MemoryStream(file),
        FileName = fileName,
    };

    private static List<KeyValuePair<string, string>> Fields(params (string, string)[] fields) => fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).ToList();

    [Fact]
    public void Validate_NoFile_IncorrectNumberOfFilesInPostRequest() =>
        ValidatorAssert.Fails(Validator, Command(Fields(("key", "k")), null), "IncorrectNumberOfFilesInPostRequest", "POST requires exactly one file upload per request.");

    [Theory]
    [InlineData("key", "policy")]
    [InlineData("x-amz-signature", "key", "policy", "x-amz-algorithm", "x-amz-credential", "x-amz-date")]
    [InlineData("x-amz-date", "key", "policy", "x-amz-algorithm", "x-amz-credential", "x-amz-signature")]
    [InlineData("signature", "key", "policy", "AWSAccessKeyId")]
    [InlineData("AWSAccessKeyId", "key", "policy", "signature")]
    [InlineData("AWSAccessKeyId", "KEY", "Policy")]
    [InlineData("policy", "key", "AWSAccessKeyId", "signature")]
    [InlineData("policy", "key", "x-amz-signature")]
    public void Validate_MissingField_InvalidArgumentNamingIt(string missing, params string[] present) =>
        ValidatorAssert.Fails(Validator, Command(Fields([.. present.Select(p => (p, "v"))]), [1]), "InvalidArgument",
            $"Bucket POST must contain a field named '{missing}'.  If it is specified, please check the order of the fields.", missing, "");

    [Theory]
    [InlineData("key")]
    [InlineData("Key", "Content-Type", "x-amz-meta-a")]
    [InlineData("key", "policy", "AWSAccessKeyId", "signature")]
    [InlineData("key", "Policy", "X-Amz-Algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature")]
    public void Validate_CompleteForm_Passes(params string[] present) =>
        ValidatorAssert.Passes(Validator, Command(Fields([.. present.Select(p => (p, "v"))]), [1]));

    [Fact]
    public async Task Handle_SigV4Form_StoresTheFileUnderTheKeyWithFilenameAsTheSigner()
    {
        var fields = V4Form("up/${filename}", ["{\"x-amz-meta-a\": \"b\"}"], ("x-amz-meta-a", "b"));
        var command = Command(fields, [1, 2, 3], fileName: @"C:\Users\me\photo.jpg");

        var result = await Handler().Handle(command, default);

        Assert.Equal(("up/photo.jpg", 204, (string?)null), (result.Key, result.Status, result.Redirect));
        Assert.Equal([1, 2, 3], await _f.ReadAllAsync("up/photo.jpg"));
        Assert.Equal("alice", (await _f.RowAsync("up/photo.jpg"))!.Acl.Owner.Id);
    }

    [Fact]
    public async Task Handle_SigV2Form_Stores()
    {
        var result = await Handler().Handle(Command(V2Form("k", []), [9]), default);

        Assert.Equal(("k", "\"" + Convert.ToHexStringLower(MD5.HashData([9])) + "\""), (result.Key, result.ETag));
        Assert.Equal([9], await _f.ReadAllAsync("k"));
    }

    [Fact]
    public async Task Handle_WrongSecret_SignatureDoesNotMatch_NothingStored()
    {
        var e = await S3Assert.ThrowsAsync("SignatureDoesNotMatch", () => Handler().Handle(Command(V2Form("k", [], secret: "wrong"), [9]), default));

        Assert.Contains(e.Details, d => d.Key == "StringToSign");
        Assert.Null(await _f.RowAsync("k"));
    }

    [Fact]
    public async Task Handle_TamperedV4Signature_SignatureDoesNotMatch()
    {
        var fields = V4Form("k", []);
        fields[^1] = new("x-amz-signature", new string('0', 64));

        await S3Assert.ThrowsAsync("SignatureDoesNotMatch", () => Handler().Handle(Command(fields, [1]), default));
        Assert.Null(await _f.RowAsync("k"));
    }

    [Fact]
    public async Task Handle_UnknownAccessKey_InvalidAccessKeyId()
    {
        var fields = V2Form("k", []);
        fields[1] = new("AWSAccessKeyId", "nobody");

        await S3Assert.ThrowsAsync("InvalidAccessKeyId", () => Handler().Handle(Command(fields, [1]), default));
    }

    [Fact]
    public async Task Handle_PolicyViolation_AccessDenied_NothingStored()
    {
        var fields = V2Form("k", ["[\"eq\", \"$key\", \"other\"]"]);

        var e = await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(Command(fields, [1]), default));

        Assert.Equal("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$key\", \"other\"]", e.Message);
        Assert.Null(await _f.RowAsync("k"));
    }

    [Theory]
    [InlineData(11, "EntityTooLarge")]
    [InlineData(4, "EntityTooSmall")]
    public async Task Handle_FileOutsideLengthRange_Refused_NothingStored(int size, string code)
    {
        var e = await S3Assert.ThrowsAsync(code, () => Handler().Handle(Command(V2Form("k", ["[\"content-length-range\", 5, 10]"]), new byte[size]), default));

        Assert.Contains(e.Details, d => d.Value == size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(await _f.RowAsync("k"));
        Assert.Empty(_f.Storage.BlobIds);
    }

    [Fact]
    public async Task Handle_FileWithinLengthRange_Stored()
    {
        await Handler().Handle(Command(V2Form("k", ["[\"content-length-range\", 5, 10]"]), new byte[10]), default);

        Assert.Equal(10, (await _f.RowAsync("k"))!.Size);
    }

    [Fact]
    public async Task Handle_AnonymousFormOnPrivateBucket_AccessDenied_PublicWrite_Stored()
    {
        await S3Assert.ThrowsAsync("AccessDenied", () => Handler().Handle(Command(Fields(("key", "k")), [1]), default));

        _f.SetBucketAcl("public-read-write");
        await Handler().Handle(Command(Fields(("key", "k")), [1]), default);
        Assert.Equal([1], await _f.ReadAllAsync("k"));
    }

    [Fact]
    public async Task Handle_AuthDisabled_ChecksThePolicyButNotTheSignature()
    {
        var fields = V2Form("k", [], secret: "wrong");
        var command = new PostObjectCommand { Context = Context, Bucket = Bucket, Fields = fields, File = new MemoryStream([1]) };

        await Handler(authEnabled: false).Handle(command, default);

        Assert.NotNull(await _f.RowAsync("k"));
        _f.Clock.UtcNow = _f.Clock.UtcNow.AddHours(1);
        var expired = new PostObjectCommand { Context = Context, Bucket = Bucket, Fields = fields, File = new MemoryStream([1]) };
        Assert.Equal("Invalid according to Policy: Policy expired.", (await S3Assert.ThrowsAsync("AccessDenied", () => Handler(authEnabled: false).Handle(expired, default))).Message);
    }

    [Theory]
    [InlineData("success_action_status", "201", 201, null)]
    [InlineData("success_action_status", "200", 200, null)]
    [InlineData("success_action_status", "404", 204, null)]
    [InlineData("success_action_redirect", "https://app.test/done", 303, "https://app.test/done?bucket=bkt&key=a%20b&etag=%22e%22")]
    [InlineData("redirect", "https://app.test/done?x=1", 303, "https://app.test/done?x=1&bucket=bkt&key=a%20b&etag=%22e%22")]
    [InlineData("success_action_redirect", "not a url", 204, null)]
    public void SuccessAction_StatusOrRedirect(string field, string value, int status, string? redirect) =>
        Assert.Equal((status, redirect), PostObjectHandler.SuccessAction(new PostForm(Fields((field, value))), Bucket, "a b", "\"e\""));

    [Theory]
    [InlineData(null, "")]
    [InlineData("a.txt", "a.txt")]
    [InlineData("dir/a.txt", "a.txt")]
    [InlineData(@"C:\dir\a.txt", "a.txt")]
    public void FileName_LastSegment(string? sent, string expected) => Assert.Equal(expected, PostObjectHandler.FileName(sent));
}
