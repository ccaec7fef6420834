using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObjectTagging;

public sealed record DeleteObjectTaggingCommand(S3RequestContext Context, string Bucket, string Key) : IS3Request<Unit>;
