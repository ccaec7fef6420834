using System.Globalization;
using System.Security.Cryptography;
using BleepStore.Domain.Objects;
using BleepStore.Domain.Uploads;

namespace BleepStore.Application.Uploads;

/// <summary>The multipart ETag: hex MD5 of the parts' binary MD5s in list order, then <c>-N</c>, quoted.</summary>
internal static class CompositeETag
{
    public static string Of(IReadOnlyList<PartRecord> parts)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> digest = stackalloc byte[16];
        foreach (var part in parts)
        {
            var hex = ETag.Bare(part.ETag);
            if (Convert.FromHexString(hex, digest, out _, out var written) != System.Buffers.OperationStatus.Done || written != 16)
            {
                throw new InvalidOperationException($"Part {part.PartNumber} of upload {part.UploadId} has a malformed ETag {part.ETag}.");
            }

            md5.AppendData(digest);
        }

        md5.GetHashAndReset(digest);
        return "\"" + Convert.ToHexStringLower(digest) + "-" + parts.Count.ToString(CultureInfo.InvariantCulture) + "\"";
    }
}
