using System.Security.Cryptography;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Streams;

/// <summary>
/// Passes the body through while hashing it with SHA-256; the read that reaches the end runs the
/// check (declared <c>x-amz-content-sha256</c>, or a deferred signature) and throws on mismatch.
/// </summary>
internal sealed class Sha256VerifyingStream(Stream inner, IPayloadHashCheck check) : ReadOnlyStream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _done;
    private Exception? _failure;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_failure is not null)
        {
            throw _failure;
        }

        if (_done || buffer.IsEmpty)
        {
            return 0;
        }

        var n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (n > 0)
        {
            _hash.AppendData(buffer.Span[..n]);
            return n;
        }

        try
        {
            Span<byte> digest = stackalloc byte[32];
            _hash.GetHashAndReset(digest);
            check.Verify(digest);
            _done = true;
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
            _hash.Dispose();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
