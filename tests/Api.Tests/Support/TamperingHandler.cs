using Amazon.Runtime;

namespace BleepStore.Api.Tests.Support;

/// <summary>
/// Flips one byte of a request body after the SDK signed it (declared x-amz-content-sha256 included):
/// the signature over the headers stays valid, the body no longer matches what was declared.
/// </summary>
internal sealed class TamperingHandler(Func<HttpRequestMessage, bool> when) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content && when(request))
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
            var i = Array.LastIndexOf(bytes, (byte)'<') - 1;
            bytes[i] = bytes[i] == (byte)'x' ? (byte)'y' : (byte)'x';
            var tampered = new ByteArrayContent(bytes);
            foreach (var (name, values) in content.Headers)
            {
                tampered.Headers.TryAddWithoutValidation(name, values);
            }

            request.Content = tampered;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>An SDK client factory whose clients send through this handler.</summary>
    public sealed class Factory(Func<HttpRequestMessage, bool> when) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new TamperingHandler(when));

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}
