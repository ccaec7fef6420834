using BleepStore.Api.Configuration;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Credentials;

namespace BleepStore.Api.Hosting;

/// <summary>
/// The one start-up path (spec 70, crash-only): open the metadata store (schema created or migrated),
/// upsert the seeded credential and the configured extra ones, let storage remove what a crash left half-written. No recovery flag:
/// every start does the same.
/// </summary>
internal static class StartupRecovery
{
    public static async Task RunAsync(IServiceProvider services, BleepStoreConfig config, CancellationToken ct)
    {
        var metadata = services.GetRequiredService<IMetadataStore>();
        var clock = services.GetRequiredService<IClock>();
        var auth = config.Auth;
        var credential = new Credential(auth.AccessKey, auth.SecretKey, CompositionRoot.SeededOwner(auth), Active: true, clock.UtcNow);
        await metadata.UpsertCredentialAsync(credential, ct).ConfigureAwait(false);
        foreach (var extra in auth.Credentials)
        {
            var owner = new Domain.Access.Owner(extra.AccessKey, extra.DisplayName);
            await metadata.UpsertCredentialAsync(new Credential(extra.AccessKey, extra.SecretKey, owner, Active: true, clock.UtcNow), ct).ConfigureAwait(false);
        }

        var storage = services.GetRequiredService<IObjectStorage>();
        await storage.RecoverAsync(ct).ConfigureAwait(false);
    }
}
