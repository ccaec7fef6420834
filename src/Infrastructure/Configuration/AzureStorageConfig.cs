namespace BleepStore.Infrastructure.Configuration;

/// <summary><c>storage.azure.*</c> (spec 60): where the azure gateway keeps the bytes.</summary>
public sealed record AzureStorageConfig
{
    /// <summary>Required: the container, which must already exist.</summary>
    public string? Container { get; init; }

    /// <summary>Storage account name; the endpoint is then <c>https://{account}.blob.core.windows.net</c>. Else <c>AZURE_STORAGE_ACCOUNT</c>.</summary>
    public string? Account { get; init; }

    /// <summary>Blob endpoint, overriding <see cref="Account"/> (sovereign clouds, private endpoints).</summary>
    public string? AccountUrl { get; init; }

    /// <summary>Prepended verbatim to every blob name (e.g. <c>bleepstore/</c>).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Shared-key connection string; else <c>AZURE_STORAGE_CONNECTION_STRING</c>; else an Entra ID credential.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Managed identity only; false = Azure.Identity's default credential chain.</summary>
    public bool UseManagedIdentity { get; init; }

    /// <summary>
    /// <c>storage.azure.key_names</c> (default true): objects under <c>{prefix}{bucket}/{key}</c> upstream (decision 0010);
    /// false keeps them under their blob ids (decision 0007).
    /// </summary>
    public bool KeyNames { get; init; } = true;
}
