using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BleepStore.Application.Streams;

namespace BleepStore.Benchmarks.Suites;

/// <summary>
/// Decoding a 1 MiB STREAMING-UNSIGNED-PAYLOAD-TRAILER body (64 KiB chunks, as the AWS SDKs send over
/// http) and CRC32 over the same bytes: the per-byte cost of an SDK PUT besides MD5. CRC32 runs both
/// ways (hardware folding as <c>Crc32.Append</c> picks it, and the slicing-by-8 table it replaced),
/// with MD5 of the same bytes as the yardstick every PUT pays anyway.
/// </summary>
[MemoryDiagnoser]
public class AwsChunkedBenchmarks
{
    private const int PayloadSize = 1 << 20;
    private const int ChunkSize = 64 * 1024;
    private readonly byte[] _payload = new byte[PayloadSize];
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private byte[] _encoded = [];

    [GlobalSetup]
    public void Setup()
    {
        new Random(42).NextBytes(_payload);
        using var body = new MemoryStream();
        for (var offset = 0; offset < PayloadSize; offset += ChunkSize)
        {
            var n = Math.Min(ChunkSize, PayloadSize - offset);
            body.Write(Encoding.ASCII.GetBytes(n.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
            body.Write(_payload, offset, n);
            body.Write("\r\n"u8);
        }

        var crc = ~Crc32.Append(uint.MaxValue, _payload);
        var crcBytes = new[] { (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc };
        body.Write(Encoding.ASCII.GetBytes($"0\r\nx-amz-checksum-crc32:{Convert.ToBase64String(crcBytes)}\r\n\r\n"));
        _encoded = body.ToArray();
        if (Decode() != PayloadSize)
        {
            throw new InvalidOperationException("decoder did not return the payload");
        }
    }

    [Benchmark(Baseline = true)]
    public long Decode()
    {
        using var stream = new AwsChunkedDecodingStream(new MemoryStream(_encoded, writable: false), PayloadSize);
        long total = 0;
        int n;
        while ((n = stream.Read(_readBuffer)) > 0)
        {
            total += n;
        }

        return total;
    }

    [Benchmark]
    public uint Crc32Of1MiB() => ~Crc32.Append(uint.MaxValue, _payload);

    [Benchmark]
    public uint Crc32SoftwareOf1MiB() => ~Crc32.AppendSoftware(uint.MaxValue, _payload);

    [Benchmark]
    public byte[] Md5Of1MiB() => MD5.HashData(_payload);

    [Benchmark]
    public uint Crc32COf1MiB() => ~Crc32C.Append(uint.MaxValue, _payload);
}
