using BenchmarkDotNet.Attributes;
using BleepStore.Api.S3;

namespace BleepStore.Benchmarks.Suites;

/// <summary>S3Router: method + raw path + query + Host → one operation, for the common shapes.</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private readonly S3Router _router = new([]);
    private readonly QueryParameters _listV2 = QueryParameters.Parse("list-type=2&prefix=photos%2F2026%2F&max-keys=1000");
    private readonly QueryParameters _uploadPart = QueryParameters.Parse("partNumber=7&uploadId=6b0b7a1e8d614b1c9f0a6d2b1c0e7f3a");

    [Benchmark(Baseline = true)]
    public object GetObject() => _router.Route("GET", "/bucket/photos/2026/11/img_0042.jpg", QueryParameters.Empty, "127.0.0.1:9000", hasCopySource: false);

    [Benchmark]
    public object PutObject() => _router.Route("PUT", "/bucket/photos/2026/11/img_0042.jpg", QueryParameters.Empty, "127.0.0.1:9000", hasCopySource: false);

    [Benchmark]
    public object ListObjectsV2() => _router.Route("GET", "/bucket", _listV2, "127.0.0.1:9000", hasCopySource: false);

    [Benchmark]
    public object UploadPart() => _router.Route("PUT", "/bucket/big%20file.bin", _uploadPart, "127.0.0.1:9000", hasCopySource: false);

    [Benchmark]
    public object ParseQuery() => QueryParameters.Parse("list-type=2&prefix=photos%2F2026%2F&max-keys=1000");
}
