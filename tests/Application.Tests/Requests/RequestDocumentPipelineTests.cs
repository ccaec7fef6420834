using System.Text;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Objects.DeleteObjects;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Auth;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Application.Tests.Requests;

/// <summary>
/// Documents travel as unread bodies: the authentication behavior proves them (declared SHA-256, or the
/// signature itself when no hash was declared) before the handler acts on what they say.
/// </summary>
public sealed class RequestDocumentPipelineTests
{
    private const string Region = "eu-west-1";

    private readonly TestMetadataStore _store = new();
    private readonly IMediator _mediator;

    public RequestDocumentPipelineTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddSingleton<IMetadataStore>(_store);
        services.AddSingleton<ICredentialStore>(FakeCredentialStore.WithExampleKey());
        services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        services.AddBleepStoreApplication(new S3Options());
        _mediator = services.BuildServiceProvider().GetRequiredService<IMediator>();
    }

    [Fact]
    public async Task CreateBucket_DeclaredSha256_Matching_IsRead()
    {
        await _mediator.Send(CreateBucket("doc-one", Region, payloadHash: TestSigner.Sha256Hex(Region)));

        Assert.Equal(Region, Assert.Single(await CreatedAsync()).Region);
    }

    [Fact]
    public async Task CreateBucket_DeclaredSha256_Mismatch_IsRefused_AndNothingIsCreated()
    {
        var e = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(CreateBucket("doc-two", Region, payloadHash: TestSigner.Sha256Hex("us-west-2"))));

        Assert.Equal("XAmzContentSHA256Mismatch", e.Error.Code);
        Assert.Empty(await CreatedAsync());
    }

    [Fact]
    public async Task CreateBucket_NoPayloadHashHeader_TheSignatureCoversTheBody()
    {
        await _mediator.Send(CreateBucket("doc-three", Region, payloadHash: TestSigner.Sha256Hex(Region), sendHashHeader: false));
        Assert.Equal(Region, Assert.Single(await CreatedAsync()).Region);

        var e = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(CreateBucket("doc-four", Region, payloadHash: TestSigner.Sha256Hex("us-west-2"), sendHashHeader: false)));
        Assert.Equal("SignatureDoesNotMatch", e.Error.Code);
        Assert.Single(await CreatedAsync());
    }

    [Fact]
    public async Task DeleteObjects_DocumentIsReadAfterTheBucket()
    {
        var signed = TestSigner.SignHeader("POST", "/missing", [("delete", "")], new Dictionary<string, string>(), TestSigner.Sha256Hex("x"), DateTimeOffset.UtcNow, contentLength: 1);
        var read = false;
        var document = new RequestDocument<DeleteObjectsDocument>(new MemoryStream("x"u8.ToArray()), 1, (_, _) =>
        {
            read = true;
            return ValueTask.FromResult(new DeleteObjectsDocument([], false));
        });

        var e = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(new DeleteObjectsCommand(new S3RequestContext { Http = signed.Facts }, "missing", document)));

        Assert.Equal("NoSuchBucket", e.Error.Code);
        Assert.False(read);
    }

    [Fact]
    public async Task InProcess_FromValue_NeedsNoBody()
    {
        var owner = new Owner(TestSigner.AccessKey, "o");
        var context = S3RequestContext.Trusted(owner);

        await _mediator.Send(new CreateBucketCommand(context, "in-process", RequestDocument<string?>.FromValue(Region)));
        Assert.Equal(Region, Assert.Single(await CreatedAsync()).Region);

        var e = await Assert.ThrowsAsync<S3Exception>(() => _mediator.Send(new DeleteObjectsCommand(context, "in-process", RequestDocument<DeleteObjectsDocument>.FromValue(new([], false)))));
        Assert.Equal("MalformedXML", e.Error.Code);
    }

    private Task<IReadOnlyList<Bucket>> CreatedAsync() => _store.ListBucketsAsync(null, default);

    private static CreateBucketCommand CreateBucket(string bucket, string body, string payloadHash, bool sendHashHeader = true)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signed = TestSigner.SignHeader("PUT", "/" + bucket, null, new Dictionary<string, string>(), payloadHash, DateTimeOffset.UtcNow, contentLength: bytes.Length, sendPayloadHashHeader: sendHashHeader);
        var document = new RequestDocument<string?>(new MemoryStream(bytes), bytes.Length, async (stream, ct) => await new StreamReader(stream).ReadToEndAsync(ct));
        return new CreateBucketCommand(new S3RequestContext { Http = signed.Facts }, bucket, document);
    }
}
