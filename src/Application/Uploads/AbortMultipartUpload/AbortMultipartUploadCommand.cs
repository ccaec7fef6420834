using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Uploads.AbortMultipartUpload;

/// <summary>Answered with 204 and no body.</summary>
public sealed record AbortMultipartUploadCommand(S3RequestContext Context, string Bucket, string Key, string UploadId) : IS3Request<Unit>;
