using System.Globalization;
using BleepStore.Api.Http;
using BleepStore.Api.Xml;
using BleepStore.Application.Access;
using BleepStore.Application.Objects;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using Microsoft.Net.Http.Headers;

namespace BleepStore.Api.S3;

/// <summary>Request headers and query → the typed fields of commands and queries. No S3 rule is decided here.</summary>
internal static class RequestBinder
{
    private const string MetaPrefix = "x-amz-meta-";

    private static readonly (string Header, Permission Permission)[] GrantHeaders =
    [
        ("x-amz-grant-full-control", Permission.FullControl),
        ("x-amz-grant-read", Permission.Read),
        ("x-amz-grant-read-acp", Permission.ReadAcp),
        ("x-amz-grant-write", Permission.Write),
        ("x-amz-grant-write-acp", Permission.WriteAcp),
    ];

    private static readonly (string Query, string Header)[] ResponseOverrides =
    [
        ("response-content-type", HeaderNames.ContentType),
        ("response-content-language", HeaderNames.ContentLanguage),
        ("response-expires", HeaderNames.Expires),
        ("response-cache-control", HeaderNames.CacheControl),
        ("response-content-disposition", HeaderNames.ContentDisposition),
        ("response-content-encoding", HeaderNames.ContentEncoding),
    ];

    /// <summary>What SigV4 needs, as received: raw path and query, every header (repeats joined by <c>,</c>).</summary>
    public static HttpRequestFacts Facts(HttpRequest request, RawTarget target, string? hostBucket = null)
    {
        return new HttpRequestFacts
        {
            HostBucket = hostBucket,
            Method = request.Method,
            RawPath = target.Path,
            RawQuery = target.Query,
            Headers = new HeaderFacts(request.Headers),
            ContentLength = request.ContentLength,
        };
    }

    /// <summary><c>x-amz-acl</c> or <c>x-amz-grant-*</c>, as sent; conflicts are the Application's to judge.</summary>
    public static AclRequest Acl(IHeaderDictionary headers, AccessControlList? policy = null)
    {
        var canned = Header(headers, "x-amz-acl");
        Dictionary<Permission, string>? grants = null;
        foreach (var (name, permission) in GrantHeaders)
        {
            if (Header(headers, name) is { } value)
            {
                grants ??= [];
                grants[permission] = value;
            }
        }

        return canned is null && grants is null && policy is null ? AclRequest.None : new AclRequest(canned, grants, policy);
    }

    public static ContentHeaders Content(IHeaderDictionary headers) => new(
        Header(headers, HeaderNames.ContentType) ?? ContentHeaders.DefaultContentType,
        ContentEncodingWithoutAwsChunked(Header(headers, HeaderNames.ContentEncoding)),
        Header(headers, HeaderNames.ContentLanguage),
        Header(headers, HeaderNames.ContentDisposition),
        Header(headers, HeaderNames.CacheControl),
        Header(headers, HeaderNames.Expires));

    /// <summary><c>aws-chunked</c> describes this request's framing, not the object: drop it (and the header if nothing is left).</summary>
    public static string? ContentEncodingWithoutAwsChunked(string? value)
    {
        if (value is null || !value.Contains("aws-chunked", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        var kept = new List<string>();
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase))
            {
                kept.Add(part);
            }
        }

        return kept.Count == 0 ? null : string.Join(',', kept);
    }

    /// <summary><c>x-amz-meta-*</c> by lower-case name, values verbatim.</summary>
    public static IReadOnlyDictionary<string, string> UserMetadata(IHeaderDictionary headers)
    {
        Dictionary<string, string>? meta = null;
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                meta ??= new Dictionary<string, string>(StringComparer.Ordinal);
                meta[name.ToLowerInvariant()] = values.Count == 1 ? values[0] ?? "" : string.Join(',', values.ToArray());
            }
        }

        return meta ?? EmptyDictionary;
    }

    /// <summary><c>x-amz-checksum-*</c>, <c>x-amz-sdk-checksum-algorithm</c> and <c>x-amz-trailer</c> by lower-case name.</summary>
    public static IReadOnlyDictionary<string, string> ChecksumHeaders(IHeaderDictionary headers)
    {
        Dictionary<string, string>? result = null;
        foreach (var (name, values) in headers)
        {
            if (name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-sdk-checksum-algorithm", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-amz-trailer", StringComparison.OrdinalIgnoreCase))
            {
                result ??= new Dictionary<string, string>(StringComparer.Ordinal);
                result[name.ToLowerInvariant()] = values.ToString();
            }
        }

        return result ?? EmptyDictionary;
    }

    /// <summary>
    /// The payload length of a PUT: <c>x-amz-decoded-content-length</c> for aws-chunked, else Content-Length;
    /// null when neither is a length (the validator answers 411 MissingContentLength, after authentication).
    /// </summary>
    public static long? PayloadLength(HttpRequest request) =>
        Header(request.Headers, "x-amz-decoded-content-length") is { } decoded
            ? long.TryParse(decoded, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null
            : request.ContentLength;

    /// <summary>
    /// A small XML body for the handler to read when S3 would: the raw body, the Api's parser, and the
    /// Content-MD5 / <c>x-amz-checksum-*</c> headers it must match.
    /// </summary>
    public static RequestDocument<T> Document<T>(HttpRequest request, Func<PooledBufferStream?, T> parse, int maxBytes) =>
        new(request.Body, request.ContentLength, RequestXml.Parser(parse, maxBytes)) { IntegrityHeaders = IntegrityHeaders(request.Headers) };

    /// <summary><c>Content-MD5</c> and the checksum headers, by lower-case name.</summary>
    public static IReadOnlyDictionary<string, string> IntegrityHeaders(IHeaderDictionary headers)
    {
        var checksums = ChecksumHeaders(headers);
        if (Header(headers, "Content-MD5") is not { } md5)
        {
            return checksums;
        }

        return new Dictionary<string, string>(checksums, StringComparer.Ordinal) { ["content-md5"] = md5 };
    }

    /// <summary>The four <c>x-amz-copy-source-if-*</c> headers.</summary>
    public static ObjectConditions CopySourceConditions(IHeaderDictionary headers)
    {
        var ifMatch = Header(headers, "x-amz-copy-source-if-match");
        var ifNoneMatch = Header(headers, "x-amz-copy-source-if-none-match");
        var ifModifiedSince = Header(headers, "x-amz-copy-source-if-modified-since");
        var ifUnmodifiedSince = Header(headers, "x-amz-copy-source-if-unmodified-since");
        return ifMatch is null && ifNoneMatch is null && ifModifiedSince is null && ifUnmodifiedSince is null
            ? ObjectConditions.None
            : new ObjectConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
    }

    /// <summary><c>partNumber</c> of UploadPart(Copy): missing or not an integer → 0, which the validator answers with InvalidArgument.</summary>
    public static int PartNumber(QueryParameters query) =>
        int.TryParse(query.Get("partNumber"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>
    /// An optional integer parameter, parsed: null when absent or not an integer (the use case's validator
    /// tells those apart with the raw value, after authentication); beyond the int range → clamped.
    /// </summary>
    public static int? Int(QueryParameters query, string name) =>
        long.TryParse(query.Get(name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? (int)Math.Clamp(value, int.MinValue, int.MaxValue)
            : null;

    public static ObjectConditions? Conditions(IHeaderDictionary headers)
    {
        var ifMatch = Header(headers, HeaderNames.IfMatch);
        var ifNoneMatch = Header(headers, HeaderNames.IfNoneMatch);
        var ifModifiedSince = Header(headers, HeaderNames.IfModifiedSince);
        var ifUnmodifiedSince = Header(headers, HeaderNames.IfUnmodifiedSince);
        return ifMatch is null && ifNoneMatch is null && ifModifiedSince is null && ifUnmodifiedSince is null
            ? null
            : new ObjectConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
    }

    /// <summary><c>response-content-type</c> and friends → header name → value.</summary>
    public static IReadOnlyDictionary<string, string>? Overrides(QueryParameters query)
    {
        if (query.Count == 0)
        {
            return null;
        }

        Dictionary<string, string>? result = null;
        foreach (var (parameter, header) in ResponseOverrides)
        {
            if (query.Get(parameter) is { } value)
            {
                result ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                result[header] = value;
            }
        }

        return result;
    }

    public static bool Bool(QueryParameters query, string name) =>
        string.Equals(query.Get(name), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The query value, with an empty one read as absent.</summary>
    public static string? NonEmpty(QueryParameters query, string name) => query.Get(name) is { Length: > 0 } v ? v : null;

    public static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static readonly IReadOnlyDictionary<string, string> EmptyDictionary = System.Collections.Frozen.FrozenDictionary<string, string>.Empty;
}
