namespace BleepStore.Application.Objects.PostObject;

/// <summary>The form fields of a POST Object request, looked up by name case-insensitively as S3 does (the first one sent wins).</summary>
internal sealed class PostForm
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    public PostForm(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        Fields = fields;
        foreach (var (name, value) in fields)
        {
            _fields.TryAdd(name, value);
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    public string? Get(string name) => _fields.GetValueOrDefault(name);

    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>Signed with Signature Version 4 (<c>x-amz-algorithm</c>, <c>x-amz-credential</c>, <c>x-amz-date</c>, <c>x-amz-signature</c>).</summary>
    public bool IsSigV4 => Has("x-amz-algorithm") || Has("x-amz-credential") || Has("x-amz-signature");

    /// <summary>Signed with Signature Version 2 (<c>AWSAccessKeyId</c>, <c>signature</c>).</summary>
    public bool IsSigV2 => Has("AWSAccessKeyId") || Has("signature");
}
