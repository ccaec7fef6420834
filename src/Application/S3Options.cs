namespace BleepStore.Application;

/// <summary>Server-wide settings the use cases need (from the <c>server.*</c> config keys).</summary>
public sealed record S3Options
{
    public string Region { get; init; } = "us-east-1";

    /// <summary>Largest single PUT body or part (spec 95 #10).</summary>
    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;

    /// <summary>Objects up to this size are stored inline in the metadata row (0 = never).</summary>
    public int InlineThreshold { get; init; } = 64 * 1024;

    /// <summary>Largest request body that is read into memory (XML documents).</summary>
    public int MaxXmlBodySize { get; init; } = 4 * 1024 * 1024;

    /// <summary>When false, SigV4 is not checked and every request acts as <see cref="DefaultOwner"/>.</summary>
    public bool AuthEnabled { get; init; } = true;

    /// <summary>
    /// How long a credential lookup is remembered (spec 40: 60 s). Zero looks every request's key up in the store: a
    /// cluster node does (docs/cluster.md), since another node may disable or delete the key.
    /// </summary>
    public TimeSpan CredentialCacheLifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The seeded credential's account (spec 95 #9: id = display name = access key).</summary>
    public Domain.Access.Owner DefaultOwner { get; init; } = new("bleepstore", "bleepstore");
}
