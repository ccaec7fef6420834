namespace BleepStore.Infrastructure.Configuration;

/// <summary><c>storage.gcp.*</c> (spec 60): where the gcp gateway keeps the bytes.</summary>
public sealed record GcpStorageConfig
{
    /// <summary>Required: the bucket, which must already exist.</summary>
    public string? Bucket { get; init; }

    /// <summary>Informational (the bucket names the project); else <c>GOOGLE_CLOUD_PROJECT</c>.</summary>
    public string? Project { get; init; }

    /// <summary>Prepended verbatim to every object name (e.g. <c>bleepstore/</c>).</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Service-account key file; else <c>GOOGLE_APPLICATION_CREDENTIALS</c>, else application-default credentials.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>
    /// <c>storage.gcp.key_names</c> (default true): objects under <c>{prefix}{bucket}/{key}</c> upstream (decision 0010);
    /// false keeps them under their blob ids (decision 0007).
    /// </summary>
    public bool KeyNames { get; init; } = true;

    /// <summary>JSON API root (e.g. <c>http://127.0.0.1:4443/</c>) instead of Google's; without a credentials file, requests go unauthenticated.</summary>
    public string? Endpoint { get; init; }
}
