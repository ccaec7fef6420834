using BleepStore.Application.Requests;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Validation;

/// <summary>
/// What PutObject and UploadPart ask of their framing before a byte is read: a transfer coding that is
/// only <c>chunked</c>, and a payload length (Content-Length, or <c>x-amz-decoded-content-length</c> for
/// aws-chunked) unless the body is <c>Transfer-Encoding: chunked</c>: such a body is streamed to its end, as
/// MinIO and Ceph RGW accept it, and the hashing stream stops it at <c>server.max_object_size</c>. Whether a
/// declared length is allowed is <see cref="Behaviors.SizeLimitBehavior{TRequest, TResponse}"/>'s question.
/// </summary>
internal abstract class StreamingBodyValidator<T, TResult> : S3Validator<T>
    where T : IStreamingBody, IS3Request<TResult>
{
    private const string TransferEncoding = "Transfer-Encoding";

    protected StreamingBodyValidator()
    {
        RuleFor(c => c.Context.Http)
            .Must(http => http?.Header(TransferEncoding) is not { } coding || coding.Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase))
            .WithS3Error((_, http) => new S3Exception(S3Errors.InvalidRequest, $"Unsupported Transfer-Encoding: {http!.Header(TransferEncoding)}"));
        RuleFor(c => c.ContentLength)
            .Must((c, length) => length is not null || c.Context.Http?.Header(TransferEncoding) is not null)
            .WithS3Error(_ => new S3Exception(S3Errors.MissingContentLength));
    }

    /// <summary>A declared length and no transfer coding (every ordinary PUT) leave nothing to check.</summary>
    public override bool HasInput(T request) => request.ContentLength is null || request.Context.Http?.Header(TransferEncoding) is not null;
}
