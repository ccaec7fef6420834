using BleepStore.Application.Validation;

namespace BleepStore.Application.Objects.PutObject;

/// <summary>Framing only (see <see cref="StreamingBodyValidator{T, TResult}"/>); the key, ACL headers and storage class are judged by the handler after the bucket is found.</summary>
internal sealed class PutObjectValidator : StreamingBodyValidator<PutObjectCommand, PutObjectResult>;
