using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Objects.DeleteObject;

public sealed record DeleteObjectCommand(S3RequestContext Context, string Bucket, string Key) : IS3Request<Unit>;
