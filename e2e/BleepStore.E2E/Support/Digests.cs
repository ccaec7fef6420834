using System.Buffers;
using System.Security.Cryptography;

namespace BleepStore.E2E.Support;

internal static class Digests
{
    public const int MiB = 1024 * 1024;

    /// <summary>MD5 and byte count of everything left in <paramref name="stream"/>, read in pooled chunks.</summary>
    public static async Task<(byte[] Md5, long Length)> Md5Async(Stream stream)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                total += read;
            }

            return (md5.GetHashAndReset(), total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async Task<byte[]> PatternMd5Async(long length, ulong seed)
    {
        await using var pattern = new PatternStream(length, seed);
        return (await Md5Async(pattern)).Md5;
    }

    public static async Task<byte[]> FileMd5Async(string path)
    {
        await using var file = File.OpenRead(path);
        return (await Md5Async(file)).Md5;
    }

    public static async Task WritePatternFileAsync(string path, long length, ulong seed)
    {
        await using var pattern = new PatternStream(length, seed);
        await using var file = File.Create(path);
        await pattern.CopyToAsync(file, 256 * 1024);
    }
}
