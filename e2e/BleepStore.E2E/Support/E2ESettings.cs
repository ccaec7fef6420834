namespace BleepStore.E2E.Support;

/// <summary>Where the live server is and how to sign for it; read once from BLEEPSTORE_* variables.</summary>
internal sealed record E2ESettings(Uri Endpoint, string AccessKey, string SecretKey, string Region)
{
    public static E2ESettings Current { get; } = new(
        new Uri(Read("BLEEPSTORE_ENDPOINT", "http://127.0.0.1:9000").TrimEnd('/')),
        Read("BLEEPSTORE_ACCESS_KEY", "bleepstore"),
        Read("BLEEPSTORE_SECRET_KEY", "bleepstore-secret"),
        Read("BLEEPSTORE_REGION", "us-east-1"));

    /// <summary>A second account configured in the server's <c>auth.credentials</c> list (run_e2e.sh writes it).</summary>
    public static string SecondAccessKey { get; } = Read("BLEEPSTORE_SECOND_ACCESS_KEY", "bleepstore-second");

    public static string SecondSecretKey { get; } = Read("BLEEPSTORE_SECOND_SECRET_KEY", "bleepstore-second-secret");

    /// <summary>A server started with <c>server.domain</c> (run_e2e.sh starts a second one); unset → the vhost tests fail.</summary>
    public static Uri? VirtualHostEndpoint { get; } =
        Environment.GetEnvironmentVariable("BLEEPSTORE_VHOST_ENDPOINT") is { Length: > 0 } text ? new Uri(text.TrimEnd('/')) : null;

    /// <summary>Key count of the listing scale check: BLEEPSTORE_E2E_LIST_KEYS (default 100,000, about a minute here).</summary>
    public static int ListingScaleKeys { get; } = int.TryParse(Environment.GetEnvironmentVariable("BLEEPSTORE_E2E_LIST_KEYS"), out var n) ? n : 100_000;

    /// <summary>TransferUtility object size in MiB: BLEEPSTORE_E2E_TRANSFER_MIB (default 1024).</summary>
    public static long TransferMiB { get; } = long.TryParse(Environment.GetEnvironmentVariable("BLEEPSTORE_E2E_TRANSFER_MIB"), out var m) ? m : 1024;

    public string EndpointText => Endpoint.GetLeftPart(UriPartial.Authority);

    private static string Read(string name, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }
}
