using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;
using BleepStore.Domain.Credentials;

namespace BleepStore.Application.Tests.Auth;

internal sealed class FakeCredentialStore : ICredentialStore
{
    private readonly Dictionary<string, Credential> _credentials = new(StringComparer.Ordinal);

    public int Lookups { get; private set; }

    public static FakeCredentialStore WithExampleKey(bool active = true)
    {
        var store = new FakeCredentialStore();
        store.Add(TestSigner.AccessKey, TestSigner.Secret, active);
        return store;
    }

    public Credential Add(string accessKeyId, string secret, bool active = true)
    {
        var credential = new Credential(accessKeyId, secret, new Owner(accessKeyId, "owner-" + accessKeyId), active, DateTimeOffset.UnixEpoch);
        _credentials[accessKeyId] = credential;
        return credential;
    }

    public Task<Credential?> GetCredentialAsync(string accessKeyId, CancellationToken ct)
    {
        Lookups++;
        return Task.FromResult(_credentials.TryGetValue(accessKeyId, out var c) ? c : null);
    }

    public Task<Owner?> GetAccountAsync(string ownerId, CancellationToken ct)
    {
        Lookups++;
        return Task.FromResult(_credentials.Values.FirstOrDefault(c => c.Owner.Id == ownerId)?.Owner);
    }

    public Task UpsertCredentialAsync(Credential credential, CancellationToken ct)
    {
        _credentials[credential.AccessKeyId] = credential;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Credential>> ListCredentialsAsync(CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Credential>>(_credentials.Values.OrderBy(c => c.AccessKeyId, StringComparer.Ordinal).ToList());

    public Task<bool> TryCreateCredentialAsync(Credential credential, CancellationToken ct) =>
        Task.FromResult(_credentials.TryAdd(credential.AccessKeyId, credential));

    public Task<Credential?> SetCredentialActiveAsync(string accessKeyId, bool active, CancellationToken ct)
    {
        if (!_credentials.TryGetValue(accessKeyId, out var c))
        {
            return Task.FromResult<Credential?>(null);
        }

        _credentials[accessKeyId] = c with { Active = active };
        return Task.FromResult<Credential?>(_credentials[accessKeyId]);
    }

    public Task<bool> DeleteCredentialAsync(string accessKeyId, CancellationToken ct) => Task.FromResult(_credentials.Remove(accessKeyId));
}
