using System.Buffers.Text;
using System.Text;
using BleepStore.Domain.Errors;

namespace BleepStore.Application.Listing;

/// <summary>Opaque ListObjectsV2 tokens: base64url of the UTF-8 resume key (spec 95 #13).</summary>
internal static class ContinuationToken
{
    public static string Encode(string resumeAfter) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(resumeAfter));

    public static string Decode(string token)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw S3Exception.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
    }
}
