using System.Security.Cryptography;
using BleepStore.Domain.Checksums;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Streams;

/// <summary>
/// The object body as storage reads it: MD5 (the ETag) and every requested checksum computed in one
/// pass, the size limit enforced while streaming, and length, Content-MD5 and checksums checked on
/// the read that reaches the end, so storage only commits after a clean EOF.
/// </summary>
internal sealed class ObjectHashingStream : ReadOnlyStream
{
    private readonly Stream _inner;
    private readonly ObjectHashingOptions _options;
    private readonly byte[]? _expectedMd5;
    private readonly IncrementalHash _md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private readonly ChecksumHasher[] _hashers;
    private byte[]? _md5Digest;
    private ChecksumValue[]? _checksums;
    private long _bytesRead;
    private Exception? _failure;

    /// <summary>Throws InvalidDigest (bad Content-MD5) or EntityTooLarge (declared length over the limit) at once.</summary>
    public ObjectHashingStream(Stream inner, ObjectHashingOptions options)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _options = options;
        _expectedMd5 = ContentMd5.Parse(options.ContentMd5);
        if (options.ExpectedLength > options.MaxSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge);
        }

        _hashers = CreateHashers(options);
    }

    /// <summary>The MD5 of the body; available after EOF.</summary>
    public byte[] Md5 => _md5Digest ?? throw NotFinished();

    /// <summary>The quoted hex MD5, e.g. <c>"d41d8cd98f00b204e9800998ecf8427e"</c>; available after EOF.</summary>
    public string ETag => Domain.Objects.ETag.FromMd5(Md5);

    public long BytesRead => _bytesRead;

    /// <summary>Every checksum computed (declared, trailing and requested), base64; available after EOF.</summary>
    public IReadOnlyList<ChecksumValue> Checksums => _checksums ?? throw NotFinished();

    public bool Completed => _md5Digest is not null;

    public override long Position
    {
        get => _bytesRead;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_failure is not null)
        {
            throw _failure;
        }

        if (_md5Digest is not null || buffer.IsEmpty)
        {
            return 0;
        }

        var n = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        try
        {
            if (n > 0)
            {
                Consume(buffer.Span[..n]);
                return n;
            }

            Finish();
            return 0;
        }
        catch (S3Exception e)
        {
            _failure = e;
            throw;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _md5.Dispose();
            foreach (var h in _hashers)
            {
                h.Dispose();
            }

            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static InvalidOperationException NotFinished() => new("The body has not been read to its end.");

    private static ChecksumHasher[] CreateHashers(ObjectHashingOptions options)
    {
        Span<bool> wanted = stackalloc bool[ChecksumAlgorithms.All.Length];
        foreach (var c in options.ExpectedChecksums)
        {
            wanted[(int)c.Algorithm] = true;
        }

        foreach (var a in options.ComputeAlgorithms)
        {
            wanted[(int)a] = true;
        }

        if (options.TrailerChecksum is { } t)
        {
            wanted[(int)t] = true;
        }

        var count = 0;
        foreach (var w in wanted)
        {
            count += w ? 1 : 0;
        }

        var hashers = new ChecksumHasher[count];
        var i = 0;
        foreach (var a in ChecksumAlgorithms.All)
        {
            if (wanted[(int)a])
            {
                hashers[i++] = new ChecksumHasher(a);
            }
        }

        return hashers;
    }

    private void Consume(ReadOnlySpan<byte> data)
    {
        _bytesRead += data.Length;
        if (_bytesRead > _options.MaxSize)
        {
            throw new S3Exception(S3Errors.EntityTooLarge);
        }

        if (_bytesRead > _options.ExpectedLength)
        {
            throw new S3Exception(S3Errors.IncompleteBody, "The request body is longer than its declared length.");
        }

        _md5.AppendData(data);
        foreach (var h in _hashers)
        {
            h.Append(data);
        }
    }

    private void Finish()
    {
        if (_options.ExpectedLength is { } expected && _bytesRead != expected)
        {
            throw new S3Exception(S3Errors.IncompleteBody);
        }

        var md5 = new byte[16];
        _md5.GetHashAndReset(md5);
        if (_expectedMd5 is not null && !CryptographicOperations.FixedTimeEquals(md5, _expectedMd5))
        {
            throw new S3Exception(S3Errors.BadDigest);
        }

        var checksums = new ChecksumValue[_hashers.Length];
        for (var i = 0; i < _hashers.Length; i++)
        {
            checksums[i] = new ChecksumValue(_hashers[i].Algorithm, _hashers[i].GetBase64());
        }

        foreach (var expectedChecksum in _options.ExpectedChecksums)
        {
            Compare(checksums, expectedChecksum);
        }

        if (_options.TrailerChecksum is { } trailer)
        {
            Compare(checksums, new ChecksumValue(trailer, ReadTrailer(trailer)));
        }

        _checksums = checksums;
        _md5Digest = md5;
    }

    private string ReadTrailer(ChecksumAlgorithm algorithm)
    {
        var name = algorithm.HeaderName();
        if (_inner is not ITrailerSource source || !source.Trailers.TryGetValue(name, out var value))
        {
            throw new S3Exception(S3Errors.InvalidRequest, $"The trailing checksum {name} was declared in x-amz-trailer but not sent.");
        }

        return ChecksumHeaders.ValidateBase64(algorithm, value, $"Value for {name} trailing header is invalid.");
    }

    private static void Compare(ChecksumValue[] computed, ChecksumValue expected)
    {
        foreach (var c in computed)
        {
            if (c.Algorithm == expected.Algorithm)
            {
                var expectedBytes = ChecksumHeaders.Decode(expected.Algorithm, expected.Base64);
                var actualBytes = Convert.FromBase64String(c.Base64);
                if (expectedBytes is null || !CryptographicOperations.FixedTimeEquals(expectedBytes, actualBytes))
                {
                    throw new S3Exception(S3Errors.BadDigest, $"The {expected.Algorithm.S3Name()} you specified did not match the calculated checksum.");
                }

                return;
            }
        }
    }
}
