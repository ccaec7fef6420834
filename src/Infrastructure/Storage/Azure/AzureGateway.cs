using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using BleepStore.Infrastructure.Configuration;

namespace BleepStore.Infrastructure.Storage.Azure;

/// <summary>
/// Opens the azure gateway from <c>storage.azure.*</c> and proves it can serve before start-up goes on: a
/// missing container, a refused credential or an unreachable endpoint is a <see cref="ConfigException"/>
/// naming the key to fix.
/// </summary>
internal static class AzureGateway
{
    private const string Key = "storage.azure";

    public static AzureObjectStorage Open(AzureStorageConfig config, Func<string, string?> environment)
    {
        var containerName = config.Container is { Length: > 0 } c ? c : throw new ConfigException(Key + ".container", "is required for storage.backend azure");
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);

        var (service, credentialKey, endpointKey) = Client(config, environment, options);
        BlobContainerClient container;
        try
        {
            container = service.GetBlobContainerClient(containerName);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(Key + ".container", $"'{containerName}' is not a valid container name: {e.Message}");
        }

        var storage = new AzureObjectStorage(container, config.Prefix, keyNames: config.KeyNames);
        try
        {
            container.GetProperties();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new ConfigException(Key + ".container", $"container '{containerName}' does not exist at {service.Uri}");
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            throw new ConfigException(credentialKey, $"the credential was refused by {service.Uri} ({e.ErrorCode})");
        }
        catch (AuthenticationFailedException e)
        {
            throw new ConfigException(credentialKey, $"no credential could be obtained: {FirstLine(e.Message)}");
        }
        catch (Exception e) when (AzureErrors.Translate(e) is not null || e is RequestFailedException)
        {
            throw new ConfigException(endpointKey, $"{service.Uri} cannot serve the container: {FirstLine(e.Message)}");
        }

        return storage;
    }

    private static (BlobServiceClient Service, string CredentialKey, string EndpointKey) Client(AzureStorageConfig config, Func<string, string?> environment, BlobClientOptions options)
    {
        var connectionString = NonEmpty(config.ConnectionString) ?? NonEmpty(environment("AZURE_STORAGE_CONNECTION_STRING"));
        if (connectionString is not null)
        {
            try
            {
                return (new BlobServiceClient(connectionString, options), Key + ".connection_string", Key + ".connection_string");
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new ConfigException(Key + ".connection_string", "is not a valid Azure Storage connection string");
            }
        }

        var url = NonEmpty(config.AccountUrl);
        var endpointKey = Key + ".account_url";
        if (url is null)
        {
            var account = NonEmpty(config.Account) ?? NonEmpty(environment("AZURE_STORAGE_ACCOUNT"))
                ?? throw new ConfigException(Key + ".account", "is required unless storage.azure.account_url or storage.azure.connection_string is set");
            url = $"https://{account}.blob.core.windows.net";
            endpointKey = Key + ".account";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new ConfigException(endpointKey, $"'{url}' is not an http(s) URL");
        }

        TokenCredential credential = config.UseManagedIdentity
            ? new ManagedIdentityCredential(NonEmpty(environment("AZURE_CLIENT_ID")) is { } clientId ? ManagedIdentityId.FromUserAssignedClientId(clientId) : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();
        return (new BlobServiceClient(uri, credential, options), Key + ".use_managed_identity", endpointKey);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
