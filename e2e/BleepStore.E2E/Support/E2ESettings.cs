namespace BleepStore.E2E.Support;

/// <summary>Where the live server is and how to sign for it; read once from BLEEPSTORE_* variables.</summary>
internal sealed record E2ESettings(Uri Endpoint, string AccessKey, string SecretKey, string Region)
{
    public static E2ESettings Current { get; } = new(
        new Uri(Read("BLEEPSTORE_ENDPOINT", "http://127.0.0.1:9000").TrimEnd('/')),
        Read("BLEEPSTORE_ACCESS_KEY", "bleepstore"),
        Read("BLEEPSTORE_SECRET_KEY", "bleepstore-secret"),
        Read("BLEEPSTORE_REGION", "us-east-1"));

    public string EndpointText => Endpoint.GetLeftPart(UriPartial.Authority);

    private static string Read(string name, string fallback)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? fallback : value;
    }
}
