using BleepStore.Application.Abstractions;
using BleepStore.Infrastructure.Tests.Metadata;

namespace BleepStore.Application.Tests.Uploads.Fakes;

/// <summary>
/// The metadata contract (compiled in from Infrastructure.Tests) against the store the handler tests use,
/// so that what handler tests rely on is what the real engines do.
/// </summary>
public sealed class TestMetadataStoreContractTests : MetadataStoreContract
{
    protected override IMetadataStore CreateStore(string directory) => new TestMetadataStore();
}
