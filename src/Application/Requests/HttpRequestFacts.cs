namespace BleepStore.Application.Requests;

/// <summary>
/// What SigV4 needs from the HTTP request, as received: the raw (still percent-encoded) path and
/// query, and the headers. Built by the Api; absent for in-process callers.
/// </summary>
public sealed class HttpRequestFacts
{
    public required string Method { get; init; }

    /// <summary>The request target's path exactly as received, percent-encoded, without the query.</summary>
    public required string RawPath { get; init; }

    /// <summary>The query string as received, without the leading <c>?</c> (empty when none).</summary>
    public required string RawQuery { get; init; }

    /// <summary>Headers by case-insensitive name; repeated headers joined with <c>,</c>.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The bucket named by the Host header (virtual-hosted style), else null: SigV2 signs it as <c>/bucket</c>.</summary>
    public string? HostBucket { get; init; }

    /// <summary>Content-Length as sent, or null when absent.</summary>
    public long? ContentLength { get; init; }

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
