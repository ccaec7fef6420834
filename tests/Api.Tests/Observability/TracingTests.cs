using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using BleepStore.Api.Tests.Support;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace BleepStore.Api.Tests.Observability;

/// <summary>Spans per S3 operation with metadata and storage children, exported over OTLP only when configured.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Operation_OneSpanWithTags_AndChildSpansForMetadataAndStorage_NoSecrets()
    {
        var spans = new List<Activity>();
        using var factory = new BleepStoreFactory(
            new Dictionary<string, string> { ["observability.otlp_endpoint"] = "http://127.0.0.1:9/" },
            s => s.ConfigureOpenTelemetryTracerProvider(b => b.AddInMemoryExporter(spans)));
        using var s3 = factory.CreateS3Client();
        await s3.PutBucketAsync("trace-bkt-1");
        var put = await s3.PutObjectAsync(new PutObjectRequest { BucketName = "trace-bkt-1", Key = "k", ContentBody = new string('b', 70_000) });
        var missing = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.GetObjectAsync("trace-bkt-1", "nope"));
        factory.Services.GetRequiredService<TracerProvider>().ForceFlush();

        Activity[] mine;
        lock (spans)
        {
            mine = spans.Where(a => Equals(a.GetTagItem("s3.bucket"), "trace-bkt-1")).ToArray();
        }

        var putSpan = Assert.Single(mine, a => a.DisplayName == "PutObject");
        Assert.Equal("PutObject", putSpan.GetTagItem("s3.operation"));
        Assert.Equal("success", putSpan.GetTagItem("s3.status"));
        Assert.Equal(put.ResponseMetadata.RequestId, putSpan.GetTagItem("s3.request_id"));
        Assert.Contains(mine, a => a.DisplayName == "storage.write" && a.ParentSpanId == putSpan.SpanId && Equals(a.GetTagItem("storage.backend"), "local"));
        lock (spans)
        {
            Assert.Contains(spans, a => a.DisplayName == "metadata.PutObject" && a.ParentSpanId == putSpan.SpanId);
        }

        var getSpan = Assert.Single(mine, a => a.DisplayName == "GetObject");
        Assert.Equal("error", getSpan.GetTagItem("s3.status"));
        Assert.Equal("NoSuchKey", getSpan.GetTagItem("s3.error_code"));
        Assert.Equal(missing.RequestId, getSpan.GetTagItem("s3.request_id"));
        foreach (var span in mine)
        {
            foreach (var (key, value) in span.TagObjects)
            {
                var text = value?.ToString() ?? "";
                Assert.DoesNotContain(BleepStoreFactory.SecretKey, text, StringComparison.Ordinal);
                Assert.DoesNotContain("Signature", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Signature", key, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void NoEndpoint_NoTracerAndTheStoreIsCalledDirectly()
    {
        using var factory = new BleepStoreFactory();
        _ = factory.BaseAddress;

        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Same(TracingProxy<IMetadataStore>.Unwrap(factory.Services.GetRequiredService<IMetadataStore>()), factory.Services.GetRequiredService<IMetadataStore>());
    }

    [Fact]
    public async Task OtlpHttp_SpansReachARealEndpointAsProtobuf()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveAsync(listener);

        var factory = new BleepStoreFactory(new Dictionary<string, string> { ["observability.otlp_endpoint"] = $"http://127.0.0.1:{port}" }, null);
        using (var s3 = factory.CreateS3Client())
        {
            await s3.PutBucketAsync("otlp-export-bkt");
        }

        factory.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
        factory.Dispose();

        var (path, contentType, body) = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("/v1/traces", path);
        Assert.Equal("application/x-protobuf", contentType);
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("CreateBucket", text, StringComparison.Ordinal);
        Assert.Contains("otlp-export-bkt", text, StringComparison.Ordinal);
        Assert.Contains("bleepstore", text, StringComparison.Ordinal); // service.name
        Assert.DoesNotContain(BleepStoreFactory.SecretKey, text, StringComparison.Ordinal);
    }

    private static async Task<(string Path, string? ContentType, byte[] Body)> ReceiveAsync(HttpListener listener)
    {
        while (true)
        {
            var context = await listener.GetContextAsync();
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var path = context.Request.Url!.AbsolutePath;
            var contentType = context.Request.ContentType;
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
            if (buffer.Length > 0 && Encoding.UTF8.GetString(buffer.ToArray()).Contains("otlp-export-bkt", StringComparison.Ordinal))
            {
                return (path, contentType, buffer.ToArray());
            }
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
