using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Listing;

/// <summary>
/// Opaque continuation tokens (ListObjectsV2, ListBuckets): base64url of a version byte, the listing kind,
/// the UTF-8 resume key and an 8-byte check (the first 8 bytes of SHA-256 over a fixed domain string, the
/// version, the kind and the key). A token this server did not issue (garbage, edited, from another
/// listing kind or from the earlier unversioned format) fails the check and is 400 <c>InvalidArgument</c>,
/// as S3 answers. The check is structural, not a secret MAC: whoever forges one only resumes a listing
/// after a key of their choosing, which <c>start-after</c> lets anyone do, so no key has to be shared
/// between restarts or nodes. Cost: one SHA-256 over a few dozen bytes per page.
/// </summary>
internal static class ContinuationToken
{
    public const byte Objects = 1;
    public const byte Buckets = 2;

    private const byte Version = 1;
    private const int TagLength = 8;
    private static readonly byte[] Domain = "bleepstore/continuation-token\0"u8.ToArray();

    public static string Encode(string resumeAfter, byte kind = Objects)
    {
        var keyLength = Encoding.UTF8.GetByteCount(resumeAfter);
        var length = 2 + keyLength + TagLength;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var token = rented.AsSpan(0, length);
            token[0] = Version;
            token[1] = kind;
            Encoding.UTF8.GetBytes(resumeAfter, token.Slice(2, keyLength));
            Tag(token[..(2 + keyLength)], token[(2 + keyLength)..]);
            return Base64Url.EncodeToString(token);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <param name="argumentName">The query argument the token came in, for the error.</param>
    public static string Decode(string token, byte kind = Objects, string argumentName = "continuation-token")
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            if (bytes.Length >= 2 + TagLength && bytes[0] == Version && bytes[1] == kind)
            {
                Span<byte> expected = stackalloc byte[TagLength];
                Tag(bytes.AsSpan(0, bytes.Length - TagLength), expected);
                if (CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - TagLength)))
                {
                    return new UTF8Encoding(false, true).GetString(bytes, 2, bytes.Length - 2 - TagLength);
                }
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // Not base64url or not UTF-8: the same answer as a failed check.
        }

        throw S3Exception.InvalidArgument("The continuation token provided is incorrect", argumentName, token);
    }

    private static void Tag(ReadOnlySpan<byte> body, Span<byte> tag)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Domain);
        sha.AppendData(body);
        Span<byte> hash = stackalloc byte[32];
        sha.GetHashAndReset(hash);
        hash[..TagLength].CopyTo(tag);
    }
}
