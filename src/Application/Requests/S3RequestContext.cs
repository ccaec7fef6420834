using BleepStore.Domain.Access;

namespace BleepStore.Application.Requests;

/// <summary>
/// Per-request facts that travel with every command: the request id, the HTTP facts (for SigV4) and,
/// once authenticated, the caller. An embedding host without HTTP sets <see cref="Caller"/> itself and
/// leaves <see cref="Http"/> null: such requests are trusted.
/// </summary>
public sealed class S3RequestContext
{
    public string RequestId { get; init; } = RequestIds.New();

    public HttpRequestFacts? Http { get; init; }

    /// <summary>The authenticated account; null means anonymous.</summary>
    public Owner? Caller { get; set; }

    /// <summary>The access key id the request was signed with, once authenticated (for logs; never the secret).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>
    /// The bucket owners the request expects (<c>x-amz-expected-bucket-owner</c>, <c>x-amz-source-expected-bucket-owner</c>);
    /// null (the usual case) checks nothing and costs nothing.
    /// </summary>
    public ExpectedBucketOwners? ExpectedOwners { get; init; }

    /// <summary>True once the authentication behavior (or a trusting host) has run.</summary>
    public bool Authenticated { get; set; }

    /// <summary>A trusted in-process request acting as <paramref name="caller"/>.</summary>
    public static S3RequestContext Trusted(Owner caller) => new() { Caller = caller, Authenticated = true };
}
