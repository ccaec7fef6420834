using BleepStore.Application.Abstractions;
using BleepStore.Application.Admin;
using BleepStore.Application.Admin.CreateCredential;
using BleepStore.Application.Admin.DeleteCredential;
using BleepStore.Application.Admin.GetServerStatus;
using BleepStore.Application.Admin.ListCredentials;
using BleepStore.Application.Admin.SetCredentialStatus;
using BleepStore.Application.Auth;
using BleepStore.Application.Tests.Auth;
using BleepStore.Application.Tests.Uploads.Fakes;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Metadata.Memory;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace BleepStore.Application.Tests.Admin;

/// <summary>The admin use cases through the real pipeline, on the memory store, with the SigV4 authenticator the S3 side uses.</summary>
public sealed class AdminCredentialsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private readonly IMediator _mediator;
    private readonly SigV4Authenticator _auth;
    private readonly MemoryMetadataStore _store = new();

    public AdminCredentialsTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddSingleton<IMetadataStore>(_store);
        services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        services.AddSingleton<IClock>(new FakeClock(Now));
        services.AddSingleton(new AdminHostInfo { Version = "9.9.9", StartedAt = Now.AddSeconds(-90), StorageBackend = "memory", MetadataEngine = "memory" });
        services.AddBleepStoreApplication(new S3Options());
        var provider = services.BuildServiceProvider();
        _mediator = provider.GetRequiredService<IMediator>();
        _auth = provider.GetRequiredService<SigV4Authenticator>();
    }

    [Fact]
    public async Task Create_GeneratesIdAndSecret_ListShowsItWithoutTheSecret()
    {
        var created = await _mediator.Send(new CreateCredentialCommand("backup job"));

        Assert.Matches("^AKBS[A-Z0-9]{16}$", created.Credential.AccessKeyId);
        Assert.Matches("^[A-Za-z0-9]{40}$", created.SecretAccessKey);
        Assert.Equal(("active", "backup job", created.Credential.AccessKeyId), (created.Credential.Status, created.Credential.Description, created.Credential.OwnerId));
        var listed = Assert.Single(await _mediator.Send(new ListCredentialsQuery()));
        Assert.Equal(created.Credential, listed);
        Assert.Equal(created.SecretAccessKey, (await _store.GetCredentialAsync(listed.AccessKeyId, default))!.SecretKey);

        var second = await _mediator.Send(new CreateCredentialCommand());
        Assert.NotEqual(created.Credential.AccessKeyId, second.Credential.AccessKeyId);
        Assert.NotEqual(created.SecretAccessKey, second.SecretAccessKey);
    }

    [Fact]
    public async Task Create_ForAnExistingOwner_ActsAsThatOwner()
    {
        var created = await _mediator.Send(new CreateCredentialCommand(OwnerId: "alice", DisplayName: "Alice"));
        var outcome = await _auth.AuthenticateAsync(Signed(created.Credential.AccessKeyId, created.SecretAccessKey), default);
        Assert.Equal(("alice", "Alice"), (outcome.Caller!.Id, outcome.Caller.DisplayName));
    }

    [Fact]
    public async Task DisableEnableDelete_CountAtOnce_ThoughTheKeyWasCached()
    {
        var created = await _mediator.Send(new CreateCredentialCommand());
        var (id, secret) = (created.Credential.AccessKeyId, created.SecretAccessKey);
        Assert.Equal(id, (await _auth.AuthenticateAsync(Signed(id, secret), default)).Signing!.AccessKeyId);

        var disabled = await _mediator.Send(new SetCredentialStatusCommand(id, "disabled"));
        Assert.Equal("disabled", disabled.Status);
        var denied = await Assert.ThrowsAsync<S3Exception>(() => _auth.AuthenticateAsync(Signed(id, secret), default));
        Assert.Equal("InvalidAccessKeyId", denied.Error.Code);

        await _mediator.Send(new SetCredentialStatusCommand(id, "active"));
        await _auth.AuthenticateAsync(Signed(id, secret), default);

        await _mediator.Send(new DeleteCredentialCommand(id));
        var gone = await Assert.ThrowsAsync<S3Exception>(() => _auth.AuthenticateAsync(Signed(id, secret), default));
        Assert.Equal("InvalidAccessKeyId", gone.Error.Code);
        Assert.Empty(await _mediator.Send(new ListCredentialsQuery()));
    }

    [Fact]
    public async Task UnknownKey_NotFound()
    {
        var delete = await Assert.ThrowsAsync<AdminException>(() => _mediator.Send(new DeleteCredentialCommand("AKBSNOPE")));
        var status = await Assert.ThrowsAsync<AdminException>(() => _mediator.Send(new SetCredentialStatusCommand("AKBSNOPE", "active")));
        Assert.Equal((404, "not_found"), (delete.Status, delete.Error));
        Assert.Equal((404, "not_found"), (status.Status, status.Error));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("paused")]
    [InlineData("Active")]
    public async Task BadStatus_BadRequest_NothingChanges(string? status)
    {
        var created = await _mediator.Send(new CreateCredentialCommand());
        var e = await Assert.ThrowsAsync<AdminException>(() => _mediator.Send(new SetCredentialStatusCommand(created.Credential.AccessKeyId, status)));
        Assert.Equal((400, "bad_request"), (e.Status, e.Error));
        Assert.True((await _store.GetCredentialAsync(created.Credential.AccessKeyId, default))!.Active);
    }

    [Fact]
    public async Task DescriptionOver256_BadRequest_NothingCreated()
    {
        await _mediator.Send(new CreateCredentialCommand(new string('d', 256)));
        var e = await Assert.ThrowsAsync<AdminException>(() => _mediator.Send(new CreateCredentialCommand(new string('d', 257))));
        Assert.Equal((400, "bad_request"), (e.Status, e.Error));
        Assert.Single(await _store.ListCredentialsAsync(default));
    }

    [Fact]
    public async Task Status_CountsAndUptime()
    {
        await _store.TryCreateBucketAsync(new Domain.Buckets.Bucket("b", "us-east-1", new Domain.Access.Owner("o", "o"), Domain.Access.AccessControlList.Private(new Domain.Access.Owner("o", "o")), Now), default);
        var status = await _mediator.Send(new GetServerStatusQuery());
        Assert.Equal(("9.9.9", 90L, "embedded", true, 1L, 0L), (status.Version, status.UptimeSeconds, status.Mode, status.Healthy, status.Buckets, status.Objects));
    }

    private static BleepStore.Application.Requests.HttpRequestFacts Signed(string accessKey, string secret) =>
        TestSigner.SignHeader("GET", "/", null, new Dictionary<string, string>(), TestSigner.Sha256Hex(""), Now, accessKey: accessKey, secret: secret).Facts;
}
