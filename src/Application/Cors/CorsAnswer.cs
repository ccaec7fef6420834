using BleepStore.Domain.Cors;

namespace BleepStore.Application.Cors;

/// <summary>
/// What the matching rule lets the response say (S3's headers): the origin to allow (the request's, or
/// <c>*</c> when the rule allows any origin, then without credentials), the rule's methods, exposed headers
/// and max age, and on a preflight the requested headers it allowed.
/// </summary>
public sealed record CorsAnswer(string AllowOrigin, bool AllowCredentials, CorsRule Rule, string? AllowHeaders = null)
{
    /// <summary>The answer for <paramref name="rule"/>, which matched <paramref name="origin"/>.</summary>
    public static CorsAnswer For(CorsRule rule, string origin, string? allowHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var any = CorsConfiguration.MatchingOrigin(rule, origin) == "*";
        return new CorsAnswer(any ? "*" : origin, !any, rule, allowHeaders);
    }
}
