using Amazon.Runtime;
using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Storage.Aws;
using BleepStore.Infrastructure.Tests.TestSupport;
using BleepStore.Infrastructure.Tests.TestSupport.Upstreams;

namespace BleepStore.Infrastructure.Tests.Storage.Gateways;

/// <summary>Range reads through the aws gateway (the production client settings) against a second BleepStore.</summary>
public sealed class AwsRangeReadTrafficTests : RangeReadTrafficContract, IClassFixture<BleepStoreUpstream>, IDisposable
{
    private readonly AwsObjectStorage _storage;

    public AwsRangeReadTrafficTests(BleepStoreUpstream upstream)
    {
        var options = new AwsGatewayOptions
        {
            Bucket = BleepStoreUpstream.Bucket,
            Prefix = $"traffic-{Guid.NewGuid():N}/",
            EndpointUrl = upstream.Endpoint,
            UsePathStyle = true,
            AccessKeyId = BleepStoreUpstream.AccessKey,
            SecretAccessKey = BleepStoreUpstream.SecretKey,
            KeyNames = true,
        };
        _storage = new AwsObjectStorage(AwsClients.Create(options, new CountingFactory(Counts)), options, null, ownsClient: true);
    }

    protected override IObjectStorage Storage => _storage;

    public void Dispose() => _storage.Dispose();

    private sealed class CountingFactory(CountingConnections counts) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(counts.CreateHandler());
    }
}
