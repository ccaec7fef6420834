namespace BleepStore.Infrastructure.Configuration;

/// <summary>The seeded account and any extra ones (<c>auth.*</c>); upserted into the credential store at every start.</summary>
public sealed record AuthConfig
{
    public string AccessKey { get; init; } = "bleepstore";

    public string SecretKey { get; init; } = "bleepstore-secret";

    public bool Enabled { get; init; } = true;

    /// <summary>More accounts beside the seeded one (<c>auth.credentials</c>), each its own owner; upserted at every start.</summary>
    public IReadOnlyList<ExtraCredential> Credentials { get; init; } = [];
}

/// <summary>One entry of <c>auth.credentials</c>: owner id = access key, display name optional.</summary>
public sealed record ExtraCredential(string AccessKey, string SecretKey, string DisplayName);
