using System.Diagnostics.Metrics;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Buckets.HeadBucket;
using BleepStore.Application.Diagnostics;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Application.Tests.Behaviors;

public sealed class PipelineTests
{
    private static readonly Owner Alice = new("alice", "alice");

    private static (IMediator Mediator, TestMetadataStore Store) Build(S3Options? options = null)
    {
        var store = new TestMetadataStore();
        store.AddBucket("bkt", Alice);
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddSingleton<IMetadataStore>(store);
        services.AddSingleton<ICredentialStore>(new FakeCredentials());
        services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        services.AddBleepStoreApplication(options ?? new S3Options());
        return (services.BuildServiceProvider().GetRequiredService<IMediator>(), store);
    }

    private static S3RequestContext Unsigned(string method, string path) => new()
    {
        Http = new HttpRequestFacts
        {
            Method = method,
            RawPath = path,
            RawQuery = "",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = "localhost" },
        },
    };

    private static S3RequestContext BadSignature(string method, string path) => new()
    {
        Http = new HttpRequestFacts
        {
            Method = method,
            RawPath = path,
            RawQuery = "",
            Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["host"] = "localhost",
                ["x-amz-date"] = DateTimeOffset.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'"),
                ["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD",
                ["authorization"] = $"AWS4-HMAC-SHA256 Credential=alice/{DateTimeOffset.UtcNow:yyyyMMdd}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={new string('0', 64)}",
            },
        },
    };

    [Fact]
    public async Task Send_AnonymousHttpRequestOnPrivateBucket_AccessDenied()
    {
        var (mediator, _) = Build();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(new HeadBucketQuery(Unsigned("HEAD", "/bkt"), "bkt")));
        Assert.Equal("AccessDenied", ex.Error.Code);
    }

    [Fact]
    public async Task Send_BadSignatureAndInvalidName_AuthenticationRunsBeforeValidation()
    {
        var (mediator, _) = Build();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(new CreateBucketCommand(BadSignature("PUT", "/AB"), "AB")));
        Assert.Equal("SignatureDoesNotMatch", ex.Error.Code);
    }

    [Fact]
    public async Task Send_TrustedInvalidName_ValidationMapsErrorCode()
    {
        var (mediator, _) = Build();
        var ex = await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(new CreateBucketCommand(S3RequestContext.Trusted(Alice), "AB")));
        Assert.Equal("InvalidBucketName", ex.Error.Code);
    }

    [Fact]
    public async Task Send_PutWithoutLength_MissingContentLength()
    {
        var (mediator, _) = Build();
        var command = new PutObjectCommand { Context = S3RequestContext.Trusted(Alice), Bucket = "bkt", Key = "k", Body = new MemoryStream() };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(command));
        Assert.Equal("MissingContentLength", ex.Error.Code);
    }

    [Fact]
    public async Task Send_PutAboveMaxObjectSize_EntityTooLargeBeforeReading()
    {
        var (mediator, store) = Build(new S3Options { MaxObjectSize = 10 });
        var command = new PutObjectCommand { Context = S3RequestContext.Trusted(Alice), Bucket = "bkt", Key = "k", Body = new MemoryStream(new byte[11]), ContentLength = 11 };
        var ex = await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(command));
        Assert.Equal("EntityTooLarge", ex.Error.Code);
        Assert.Null(await store.GetObjectAsync("bkt", "k", default));
    }

    [Fact]
    public async Task Send_AuthDisabled_ActsAsDefaultOwner()
    {
        var (mediator, _) = Build(new S3Options { AuthEnabled = false, DefaultOwner = Alice });
        var result = await mediator.Send(new HeadBucketQuery(Unsigned("HEAD", "/bkt"), "bkt"));
        Assert.Equal("us-east-1", result.Region);
    }

    [Fact]
    public async Task Send_Outcomes_CountedByOperationAndStatus()
    {
        var (mediator, _) = Build();
        var seen = new List<(string Operation, string Status)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BleepStoreMetrics.DefaultMeterName && instrument.Name == "bleepstore_s3_operations_total")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? op = null, status = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") op = tag.Value as string;
                if (tag.Key == "status") status = tag.Value as string;
            }

            lock (seen)
            {
                seen.Add((op!, status!));
            }
        });
        listener.Start();

        await mediator.Send(new HeadBucketQuery(S3RequestContext.Trusted(Alice), "bkt"));
        await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(new HeadBucketQuery(S3RequestContext.Trusted(Alice), "missing")));

        lock (seen)
        {
            Assert.Contains(("HeadBucket", "success"), seen);
            Assert.Contains(("HeadBucket", "error"), seen);
        }
    }

    private sealed class FakeCredentials : ICredentialStore
    {
        public Task<Domain.Credentials.Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct) =>
            Task.FromResult<Domain.Credentials.Credential?>(accessKeyId == "alice"
                ? new Domain.Credentials.Credential("alice", "secret", Alice, true, DateTimeOffset.UnixEpoch)
                : null);

        public Task UpsertCredentialAsync(Domain.Credentials.Credential credential, CancellationToken ct) => Task.CompletedTask;

        public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct) => Task.FromResult<Owner?>(ownerId == "alice" ? Alice : null);

        public Task<IReadOnlyList<Domain.Credentials.Credential>> ListCredentialsAsync(CancellationToken ct) => throw new NotSupportedException("read-only fake");

        public Task<bool> TryCreateCredentialAsync(Domain.Credentials.Credential credential, CancellationToken ct) => throw new NotSupportedException("read-only fake");

        public Task<Domain.Credentials.Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct) => throw new NotSupportedException("read-only fake");

        public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) => throw new NotSupportedException("read-only fake");
    }
}
