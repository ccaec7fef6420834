using BleepStore.Application.Streams;

namespace BleepStore.Application.Requests;

/// <summary>
/// A small request document (CreateBucketConfiguration, AccessControlPolicy, Delete,
/// CompleteMultipartUpload) still unread: the raw body and the host's parser. Commands forward
/// <see cref="IHasBody"/> to it, so the authentication behavior verifies the body (declared SHA-256,
/// aws-chunked, or the signature itself) before or while the handler reads it, and the handler reads
/// it at the point S3 checks it: after NoSuchBucket, before anything changes.
/// </summary>
/// <typeparam name="T">The parsed document; the parser decides what an empty body means.</typeparam>
public sealed class RequestDocument<T>
{
    private readonly Func<Stream, CancellationToken, ValueTask<T>>? _parse;
    private readonly bool _hasValue;
    private readonly T _value = default!;
    private Task<T>? _read;

    /// <param name="body">The request body as received.</param>
    /// <param name="contentLength">Its declared length, if any.</param>
    /// <param name="parse">Reads the whole stream and parses it; throws the S3 error for a bad document.</param>
    public RequestDocument(Stream body, long? contentLength, Func<Stream, CancellationToken, ValueTask<T>> parse)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(parse);
        Body = body;
        ContentLength = contentLength;
        _parse = parse;
    }

    private RequestDocument(T value)
    {
        Body = Stream.Null;
        ContentLength = 0;
        _value = value;
        _hasValue = true;
    }

    /// <summary>The body; the authentication behavior may replace it with a decoding/verifying stream.</summary>
    public Stream Body { get; set; }

    public long? ContentLength { get; set; }

    /// <summary>
    /// <c>Content-MD5</c> and <c>x-amz-checksum-*</c> headers (by name, case-insensitive) the body must
    /// match: InvalidDigest when malformed, BadDigest on mismatch. Empty = nothing to check.
    /// </summary>
    public IReadOnlyDictionary<string, string> IntegrityHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>An already-parsed document, for in-process callers.</summary>
    public static RequestDocument<T> FromValue(T value) => new(value);

    /// <summary>Reads and parses the body once; later calls return the same value (or error).</summary>
    public ValueTask<T> ReadAsync(CancellationToken cancellationToken)
    {
        if (_hasValue)
        {
            return ValueTask.FromResult(_value);
        }

        _read ??= ReadCoreAsync(cancellationToken);
        return new ValueTask<T>(_read);
    }

    private async Task<T> ReadCoreAsync(CancellationToken ct)
    {
        if (IntegrityHeaders.Count == 0)
        {
            return await _parse!(Body, ct).ConfigureAwait(false);
        }

        var headers = new Dictionary<string, string>(IntegrityHeaders, StringComparer.OrdinalIgnoreCase);
        var hashing = new ObjectHashingStream(Body, ObjectHashingOptions.FromHeaders(headers, ContentLength));
        await using (hashing.ConfigureAwait(false))
        {
            var value = await _parse!(hashing, ct).ConfigureAwait(false);

            // The digest is compared at EOF: make sure the parser's read reached it.
            var rest = new byte[1];
            while (await hashing.ReadAsync(rest, ct).ConfigureAwait(false) > 0)
            {
            }

            return value;
        }
    }
}
