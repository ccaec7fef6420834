using System.Buffers.Binary;
using System.Security.Cryptography;
using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Streams;

/// <summary>
/// Incremental <c>x-amz-checksum-*</c> computation: feed bytes with <see cref="Append"/>, then read
/// the big-endian digest (or its base64, as S3 shows it) once.
/// </summary>
internal sealed class ChecksumHasher : IDisposable
{
    private readonly IncrementalHash? _hash;
    private uint _crc32 = uint.MaxValue;
    private ulong _crc64 = ulong.MaxValue;

    public ChecksumHasher(ChecksumAlgorithm algorithm)
    {
        Algorithm = algorithm;
        _hash = algorithm switch
        {
            ChecksumAlgorithm.Sha1 => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
            ChecksumAlgorithm.Sha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
            _ => null,
        };
    }

    public ChecksumAlgorithm Algorithm { get; }

    /// <summary>Digest size in bytes: 4 (CRC32, CRC32C), 8 (CRC64NVME), 20 (SHA1), 32 (SHA256).</summary>
    public static int DigestLength(ChecksumAlgorithm algorithm) => algorithm switch
    {
        ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C => 4,
        ChecksumAlgorithm.Crc64Nvme => 8,
        ChecksumAlgorithm.Sha1 => 20,
        _ => 32,
    };

    /// <summary>The base64 checksum of <paramref name="data"/>, e.g. CRC32 of "123456789" is <c>y/Q5Jg==</c>.</summary>
    public static string ComputeBase64(ChecksumAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        using var hasher = new ChecksumHasher(algorithm);
        hasher.Append(data);
        return hasher.GetBase64();
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        switch (Algorithm)
        {
            case ChecksumAlgorithm.Crc32:
                _crc32 = Crc32.Append(_crc32, data);
                break;
            case ChecksumAlgorithm.Crc32C:
                _crc32 = Crc32C.Append(_crc32, data);
                break;
            case ChecksumAlgorithm.Crc64Nvme:
                _crc64 = Crc64Nvme.Append(_crc64, data);
                break;
            default:
                _hash!.AppendData(data);
                break;
        }
    }

    /// <summary>Writes the big-endian digest of everything appended and resets the hasher.</summary>
    public int GetDigestAndReset(Span<byte> destination)
    {
        switch (Algorithm)
        {
            case ChecksumAlgorithm.Crc32 or ChecksumAlgorithm.Crc32C:
                BinaryPrimitives.WriteUInt32BigEndian(destination, ~_crc32);
                _crc32 = uint.MaxValue;
                return 4;
            case ChecksumAlgorithm.Crc64Nvme:
                BinaryPrimitives.WriteUInt64BigEndian(destination, ~_crc64);
                _crc64 = ulong.MaxValue;
                return 8;
            default:
                return _hash!.GetHashAndReset(destination);
        }
    }

    public string GetBase64()
    {
        Span<byte> digest = stackalloc byte[32];
        var n = GetDigestAndReset(digest);
        return Convert.ToBase64String(digest[..n]);
    }

    public void Dispose() => _hash?.Dispose();
}
