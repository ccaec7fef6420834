using System.Net.Sockets;
using Amazon.S3;
using Amazon.S3.Model;

namespace BleepStore.Testing.Tests;

/// <summary>Many servers in one process: own port, own data, own keys; disposal leaves nothing behind.</summary>
public sealed class IsolationTests
{
    [Fact]
    public async Task TwoServersAtOnce_DoNotSeeEachOthersBuckets()
    {
        var starting = new[] { BleepStoreServer.StartAsync(), BleepStoreServer.StartAsync(new BleepStoreServerOptions { Storage = TestStorage.MemoryObjects }) };
        await using var first = await starting[0];
        await using var second = await starting[1];

        Assert.NotEqual(first.Endpoint.Port, second.Endpoint.Port);
        await first.Client.PutBucketAsync("only-in-first");
        await second.Client.PutBucketAsync("only-in-second");

        Assert.Equal(["only-in-first"], (await first.Client.ListBucketsAsync()).Buckets.Select(b => b.BucketName));
        Assert.Equal(["only-in-second"], (await second.Client.ListBucketsAsync()).Buckets.Select(b => b.BucketName));
    }

    [Fact]
    public async Task OtherServersKeys_AreRefused()
    {
        await using var mine = await BleepStoreServer.StartAsync(new BleepStoreServerOptions { AccessKey = "mine", SecretKey = "mine-secret" });
        await using var theirs = await BleepStoreServer.StartAsync(new BleepStoreServerOptions { AccessKey = "theirs", SecretKey = "theirs-secret" });
        using var wrong = new AmazonS3Client(theirs.Credentials, new AmazonS3Config { ServiceURL = mine.Endpoint.ToString(), ForcePathStyle = true, MaxErrorRetry = 0 });

        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => wrong.ListBucketsAsync());
        Assert.Equal("InvalidAccessKeyId", e.ErrorCode);
    }

    [Fact]
    public async Task Dispose_StopsListening_AndDeletesTheData()
    {
        var server = await BleepStoreServer.StartAsync();
        await server.Client.PutBucketAsync("kept");
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = "kept", Key = "k", ContentBody = new string('x', 100_000) });
        var port = server.Endpoint.Port;
        var data = server.DataDirectory!;
        Assert.True(Directory.Exists(data));

        await server.DisposeAsync();

        Assert.False(Directory.Exists(data));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task MemoryStorage_UsesNoDirectory_AndServesFullObjects()
    {
        await using var server = await BleepStoreServer.StartAsync(new BleepStoreServerOptions { Storage = TestStorage.Memory });
        Assert.Null(server.DataDirectory);
        await server.Client.PutBucketAsync("in-memory");
        var body = new string('m', 200_000);
        await server.Client.PutObjectAsync(new PutObjectRequest { BucketName = "in-memory", Key = "big", ContentBody = body });

        using var get = await server.Client.GetObjectAsync("in-memory", "big");
        using var reader = new StreamReader(get.ResponseStream);
        Assert.Equal(body, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task KeepData_LeavesTheDirectoryForInspection()
    {
        var server = await BleepStoreServer.StartAsync(new BleepStoreServerOptions { KeepData = true });
        var data = server.DataDirectory!;
        await server.DisposeAsync();
        try
        {
            Assert.True(File.Exists(Path.Combine(data, "metadata.db")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
