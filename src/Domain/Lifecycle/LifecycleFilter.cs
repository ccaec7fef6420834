using BleepStore.Domain.Tagging;

namespace BleepStore.Domain.Lifecycle;

/// <summary>How a rule's filter was written, so GetBucketLifecycleConfiguration answers it back in the same shape.</summary>
public enum LifecycleFilterShape
{
    /// <summary>The legacy Rule-level <c>Prefix</c> (no <c>Filter</c> element).</summary>
    RulePrefix,

    /// <summary>An empty <c>&lt;Filter/&gt;</c>: every object.</summary>
    Empty,

    Prefix,
    Tag,
    ObjectSizeGreaterThan,
    ObjectSizeLessThan,
    And,
}

/// <summary>
/// The objects a rule applies to: all of prefix, tags (each must be on the object with that value) and the
/// strict size bounds that are present must hold.
/// </summary>
public sealed record LifecycleFilter(
    LifecycleFilterShape Shape,
    string? Prefix,
    IReadOnlyList<Tag> Tags,
    long? ObjectSizeGreaterThan,
    long? ObjectSizeLessThan)
{
    public static readonly LifecycleFilter All = new(LifecycleFilterShape.Empty, null, [], null, null);

    public bool HasTags => Tags.Count > 0;

    public bool HasSize => ObjectSizeGreaterThan is not null || ObjectSizeLessThan is not null;

    /// <summary>Whether the key and size pass (tags are judged by <see cref="MatchesTags"/>, which needs the object's tag set).</summary>
    public bool MatchesKeyAndSize(string key, long size)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (Prefix is null || key.StartsWith(Prefix, StringComparison.Ordinal))
            && (ObjectSizeGreaterThan is not { } above || size > above)
            && (ObjectSizeLessThan is not { } below || size < below);
    }

    /// <summary>Every tag of the filter is on the object with the same value.</summary>
    public bool MatchesTags(IReadOnlyList<Tag> objectTags)
    {
        ArgumentNullException.ThrowIfNull(objectTags);
        foreach (var wanted in Tags)
        {
            var found = false;
            foreach (var tag in objectTags)
            {
                if (tag.Key == wanted.Key && tag.Value == wanted.Value)
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
