using System.Net;
using BleepStore.Infrastructure.Configuration;
using Google;
using Google.Cloud.Storage.V1;

namespace BleepStore.Infrastructure.Storage.Gcp;

/// <summary>
/// Opens the gcp gateway from <c>storage.gcp.*</c> and proves it can serve before start-up goes on: a
/// missing bucket, a refused or absent credential or an unreachable endpoint is a
/// <see cref="ConfigException"/> naming the key to fix.
/// </summary>
internal static class GcsGateway
{
    private const string Key = "storage.gcp";

    public static GcsObjectStorage Open(GcpStorageConfig config, Func<string, string?> environment)
    {
        var bucket = config.Bucket is { Length: > 0 } b ? b : throw new ConfigException(Key + ".bucket", "is required for storage.backend gcp");
        var credentialsFile = NonEmpty(config.CredentialsFile) ?? NonEmpty(environment("GOOGLE_APPLICATION_CREDENTIALS"));
        var credentialKey = config.CredentialsFile is not null ? Key + ".credentials_file" : "GOOGLE_APPLICATION_CREDENTIALS (or storage.gcp.credentials_file)";
        var builder = new StorageClientBuilder();
        var endpointKey = Key + ".bucket";
        if (NonEmpty(config.Endpoint) is { } endpoint)
        {
            endpointKey = Key + ".endpoint";
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
            {
                throw new ConfigException(endpointKey, $"'{endpoint}' is not an http(s) URL");
            }

            builder.BaseUri = new Uri(root, "storage/v1/").ToString();
            builder.UnauthenticatedAccess = credentialsFile is null;
        }

        if (credentialsFile is not null)
        {
            if (!File.Exists(credentialsFile))
            {
                throw new ConfigException(credentialKey, $"file '{credentialsFile}' not found");
            }

        }

        StorageClient client;
        try
        {
            if (credentialsFile is not null)
            {
                // A service-account key file only: other credential types in a file are not loaded from config.
                builder.GoogleCredential = Google.Apis.Auth.OAuth2.CredentialFactory.FromFile<Google.Apis.Auth.OAuth2.ServiceAccountCredential>(credentialsFile).ToGoogleCredential();
            }

            client = builder.Build();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException or FormatException or System.Text.Json.JsonException or Newtonsoft.Json.JsonException)
        {
            throw new ConfigException(credentialKey, $"no usable Google credential: {FirstLine(e.Message)}");
        }

        try
        {
            client.GetBucket(bucket);
        }
        catch (GoogleApiException e) when (e.HttpStatusCode == HttpStatusCode.NotFound)
        {
            throw new ConfigException(Key + ".bucket", $"bucket '{bucket}' does not exist");
        }
        catch (GoogleApiException e) when (e.HttpStatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new ConfigException(credentialKey, $"the credential was refused for bucket '{bucket}' ({(int)e.HttpStatusCode})");
        }
        catch (Exception e) when (e is GoogleApiException or HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw new ConfigException(endpointKey, $"GCS cannot serve bucket '{bucket}': {FirstLine(e.Message)}");
        }

        return new GcsObjectStorage(client, bucket, config.Prefix, keyNames: config.KeyNames);
    }

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static string FirstLine(string s) => s.Split('\n', 2)[0].Trim();
}
