using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Application.Uploads.CreateMultipartUpload;
using BleepStore.Application.Uploads.ListParts;
using BleepStore.Application.Uploads.UploadPart;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Infrastructure.Configuration;
using BleepStore.Infrastructure.Hosting;
using BleepStore.Infrastructure.Tests.TestSupport;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BleepStore.Infrastructure.Tests.Hosting;

/// <summary>
/// SQLite metadata with memory storage across a restart: nothing may be listed whose bytes are gone. Small objects
/// live inline in their row and survive without a snapshot; a snapshot keeps the rest.
/// </summary>
public sealed class MemoryStorageRestartTests : IDisposable
{
    private static readonly Owner Me = new("me", "me");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task WithoutSnapshot_LargeObjectsAndUploadsAreGone_InlineObjectsStay()
    {
        var uploadId = await WriteAndStopAsync(MemoryPersistence.None);

        using var host = await StartAsync(MemoryPersistence.None);
        var mediator = host.Services.GetRequiredService<IMediator>();
        Assert.Equal(["small"], await KeysAsync(mediator));
        Assert.Equal("NoSuchKey", (await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(new GetObjectQuery(Ctx(), "box", "large")))).Error.Code);
        Assert.Equal("NoSuchUpload", (await Assert.ThrowsAsync<S3Exception>(() => mediator.Send(new ListPartsQuery(Ctx(), "box", "pending", uploadId)))).Error.Code);
        Assert.Equal(10, (await mediator.Send(new GetObjectQuery(Ctx(), "box", "small"))).Object.Size);
        await host.StopAsync();
    }

    [Fact]
    public async Task WithSnapshot_EverythingComesBack()
    {
        var uploadId = await WriteAndStopAsync(MemoryPersistence.Snapshot);
        Assert.True(File.Exists(SnapshotPath));

        using var host = await StartAsync(MemoryPersistence.Snapshot);
        var mediator = host.Services.GetRequiredService<IMediator>();
        Assert.Equal(["large", "small"], await KeysAsync(mediator));
        var large = await mediator.Send(new GetObjectQuery(Ctx(), "box", "large"));
        await using (var body = large.Body!)
        {
            var copy = new MemoryStream();
            await body.CopyToAsync(copy);
            Assert.Equal(LargeBody(), copy.ToArray());
        }

        var parts = await mediator.Send(new ListPartsQuery(Ctx(), "box", "pending", uploadId));
        Assert.Single(parts.Parts);
        await host.StopAsync();
    }

    private string SnapshotPath => Path.Combine(_dir.Path, "memory.snap");

    private static S3RequestContext Ctx() => S3RequestContext.Trusted(Me);

    private static byte[] LargeBody() => Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();

    private async Task<string> WriteAndStopAsync(string persistence)
    {
        using var host = await StartAsync(persistence);
        var mediator = host.Services.GetRequiredService<IMediator>();
        await mediator.Send(new CreateBucketCommand(Ctx(), "box"));
        await PutAsync(mediator, "small", new byte[10]);
        await PutAsync(mediator, "large", LargeBody());
        var upload = await mediator.Send(new CreateMultipartUploadCommand { Context = Ctx(), Bucket = "box", Key = "pending" });
        var part = new byte[100_000];
        await mediator.Send(new UploadPartCommand { Context = Ctx(), Bucket = "box", Key = "pending", UploadId = upload.UploadId, PartNumber = 1, Body = new MemoryStream(part), ContentLength = part.Length });
        await host.StopAsync();
        return upload.UploadId;
    }

    private static Task PutAsync(IMediator mediator, string key, byte[] body) =>
        mediator.Send(new PutObjectCommand { Context = Ctx(), Bucket = "box", Key = key, Body = new MemoryStream(body), ContentLength = body.Length });

    private static async Task<IEnumerable<string>> KeysAsync(IMediator mediator) =>
        (await mediator.Send(new ListObjectsV2Query(Ctx(), "box"))).Page.Contents.Select(o => o.Key);

    private async Task<IHost> StartAsync(string persistence)
    {
        var options = BleepStoreOptions.InDirectory(_dir.Path) with
        {
            Storage = new StorageConfig
            {
                Backend = StorageBackends.Memory,
                Memory = new MemoryStorageConfig { Persistence = persistence, SnapshotPath = SnapshotPath, SnapshotIntervalSeconds = 0 },
            },
        };
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddBleepStore(options);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
