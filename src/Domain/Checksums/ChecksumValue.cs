namespace BleepStore.Domain.Checksums;

/// <summary>A checksum as S3 shows it: the algorithm and the base64 of the big-endian digest.</summary>
public sealed record ChecksumValue(ChecksumAlgorithm Algorithm, string Base64)
{
    /// <summary>A COMPOSITE multipart checksum (a checksum of the parts' checksums): stored as base64 with <c>-N</c>, N the part count (base64 never holds a <c>-</c>).</summary>
    public bool IsComposite => Base64.Contains('-', StringComparison.Ordinal);

    /// <summary>The digest alone: a COMPOSITE checksum without its <c>-N</c> (GetObjectAttributes writes it so), any other unchanged.</summary>
    public ChecksumValue WithoutPartCount() =>
        Base64.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0 ? this with { Base64 = Base64[..dash] } : this;
}
