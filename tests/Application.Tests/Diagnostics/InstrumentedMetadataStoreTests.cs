using System.Diagnostics.Metrics;
using System.Reflection;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Diagnostics;
using BleepStore.Domain.Buckets;

namespace BleepStore.Application.Tests.Diagnostics;

/// <summary>
/// bleepstore_metadata_operation_duration_seconds: each call of the metadata port is timed once, when its task has
/// completed (synchronously or later, succeeded or failed), with the engine and the call's snake-case name.
/// </summary>
public sealed class InstrumentedMetadataStoreTests : IDisposable
{
    private readonly BleepStoreMetrics _metrics = new("instrumented-metadata-test-" + Guid.NewGuid().ToString("N"));
    private readonly MeterListener _listener = new();
    private readonly List<(double Seconds, Dictionary<string, object?> Tags)> _recorded = [];

    public InstrumentedMetadataStoreTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument == _metrics.MetadataDuration)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            lock (_recorded)
            {
                _recorded.Add((value, copy));
            }
        });
        _listener.Start();
    }

    [Fact]
    public void EveryPortMember_IsImplementedByTheWrapper()
    {
        foreach (var port in new[] { typeof(IMetadataStore), typeof(ICredentialStore) })
        {
            var map = typeof(InstrumentedMetadataStore).GetInterfaceMap(port);
            Assert.All(map.TargetMethods, m => Assert.Equal(typeof(InstrumentedMetadataStore), m.DeclaringType));
        }
    }

    [Fact]
    public async Task RealStore_EachCallRecordedOnce_WithEngineAndOperation()
    {
        IMetadataStore store = new InstrumentedMetadataStore(new BleepStore.Infrastructure.Metadata.Memory.MemoryMetadataStore(), _metrics, "memory");

        Assert.Null(await store.GetBucketAsync("nope", CancellationToken.None));
        Assert.Null(await store.GetCredentialAsync("nokey", CancellationToken.None));
        await store.PingAsync(CancellationToken.None);

        Assert.Equal(["get_bucket", "get_credential", "ping"], _recorded.Select(r => (string)r.Tags["operation"]!));
        Assert.All(_recorded, r => Assert.Equal("memory", r.Tags["engine"]));
        Assert.All(_recorded, r => Assert.Equal(2, r.Tags.Count));
        Assert.All(_recorded, r => Assert.InRange(r.Seconds, 0, 5));
    }

    [Fact]
    public async Task SynchronousCall_TheStoresOwnTaskIsHandedBack()
    {
        var done = Task.FromResult<Bucket?>(null);
        var store = Fake((_, _) => done);

        var task = store.GetBucketAsync("b", CancellationToken.None);

        Assert.Same(done, task);
        await task;
        Assert.Single(_recorded);
    }

    [Fact]
    public async Task AsynchronousCall_RecordedWhenItCompletes_IncludingItsWait()
    {
        var pending = new TaskCompletionSource<Bucket?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = Fake((_, _) => pending.Task);

        var task = store.GetBucketAsync("b", CancellationToken.None);
        await Task.Delay(60);
        Assert.Empty(_recorded);
        pending.SetResult(null);
        Assert.Null(await task);

        var (seconds, tags) = Assert.Single(_recorded);
        Assert.Equal("get_bucket", tags["operation"]);
        Assert.True(seconds >= 0.05, $"{seconds} s");
    }

    [Fact]
    public async Task FailedCall_RecordedAndItsExceptionPassedThrough()
    {
        var pending = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = Fake((_, _) => pending.Task);

        var task = store.UpsertCredentialAsync(null!, CancellationToken.None);
        pending.SetException(new InvalidOperationException("boom"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => task);
        Assert.Equal("boom", thrown.Message);
        Assert.Equal("upsert_credential", Assert.Single(_recorded).Tags["operation"]);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    private InstrumentedMetadataStore Fake(Func<MethodInfo, object?[]?, object?> handler)
    {
        var inner = DispatchProxy.Create<IMetadataStore, FakeStore>();
        ((FakeStore)(object)inner).Handler = handler;
        return new InstrumentedMetadataStore(inner, _metrics, "fake");
    }

    public class FakeStore : DispatchProxy
    {
        public Func<MethodInfo, object?[]?, object?> Handler { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => Handler(targetMethod!, args);
    }
}
