using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Buckets.DeleteBucketOwnershipControls;

/// <summary>Removes the bucket's ownership controls (the bucket then behaves as ObjectWriter); 204 whether it had any or not.</summary>
public sealed record DeleteBucketOwnershipControlsCommand(S3RequestContext Context, string Bucket) : IS3Request<Unit>;
