using BleepStore.Api.Xml;

namespace BleepStore.Api.Http;

/// <summary>Writes an XML document as the response: built in a pooled buffer, so Content-Length is exact.</summary>
internal static class XmlResponse
{
    public static async Task WriteAsync<TState>(HttpContext context, int status, TState state, Action<S3XmlWriter, TState> write)
    {
        using var buffer = new PooledBufferStream();
        using (var writer = S3Xml.Create(buffer))
        {
            write(writer, state);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = S3Xml.ContentType;
        response.ContentLength = buffer.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
