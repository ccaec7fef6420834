using System.Xml;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Xml;

/// <summary>Reads small XML request bodies (CreateBucketConfiguration, AccessControlPolicy, Delete, CompleteMultipartUpload) with a size cap.</summary>
internal static class XmlBodyReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static readonly XmlReaderSettings PreservingSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = false,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    /// <summary>The whole body, or null when it is empty. Larger than <paramref name="maxBytes"/> → MalformedXML-class error.</summary>
    public static async Task<PooledBufferStream?> ReadAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        var buffer = new PooledBufferStream(8 * 1024);
        try
        {
            var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(8 * 1024);
            try
            {
                int read;
                while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > maxBytes)
                    {
                        throw new S3Exception(S3Errors.MalformedXML, "Your request body is larger than this operation accepts.");
                    }

                    buffer.Write(chunk.AsSpan(0, read));
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }

            if (buffer.Length == 0 || IsWhitespace(buffer.WrittenSpan))
            {
                buffer.Dispose();
                return null;
            }

            return buffer;
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <param name="preserveWhitespace">Keep whitespace-only text (a Delete document's key may be <c>" "</c>).</param>
    public static XmlReader CreateReader(PooledBufferStream buffer, bool preserveWhitespace = false) =>
        XmlReader.Create(buffer.OpenRead(), preserveWhitespace ? PreservingSettings : Settings);

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
