namespace BleepStore.Domain.Buckets;

/// <summary>
/// The <c>LocationConstraint</c> values CreateBucket accepts. S3 refuses a name that is not a region with
/// 400 <c>InvalidLocationConstraint</c>; the list is AWS's own: the <c>BucketLocationConstraint</c> enum of the
/// S3 service model (botocore 1.43.11, <c>data/s3/2006-03-01/service-2.json</c>), which includes the legacy
/// <c>EU</c> alias. The server's own region is accepted too, whatever it is called (a server configured as
/// <c>us-east-1</c>, the default, accepts <c>us-east-1</c>; AWS refuses that name in the body, but refusing it
/// here would only break clients that send their region explicitly). A new AWS region is one line here.
/// </summary>
public static class BucketRegions
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "cn-north-1",
        "cn-northwest-1", "EU", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
        "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
        "sa-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
    };

    /// <summary>
    /// Whether ListBuckets' <c>bucket-region</c> names a region: one CreateBucket may name, or <c>us-east-1</c> (the region
    /// of buckets created without a constraint on AWS, never a valid constraint there).
    /// </summary>
    public static bool IsRegion(string name, string serverRegion) =>
        IsKnown(name, serverRegion) || string.Equals(name, "us-east-1", StringComparison.Ordinal);

    /// <summary>Whether CreateBucket may name <paramref name="locationConstraint"/> on a server whose region is <paramref name="serverRegion"/>.</summary>
    public static bool IsKnown(string locationConstraint, string serverRegion) =>
        Known.Contains(locationConstraint) || string.Equals(locationConstraint, serverRegion, StringComparison.Ordinal);
}
