using BleepStore.Domain.Errors;
using FluentValidation;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// Runs the request's FluentValidation validators after authentication. A failure's ErrorCode names
/// the S3 error (e.g. <c>InvalidBucketName</c>); the first failure wins, as S3 reports one error.
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators.ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        foreach (var validator in _validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            if (!result.IsValid)
            {
                var failure = result.Errors[0];
                throw new S3Exception(S3ErrorCatalog.Find(failure.ErrorCode) ?? S3Errors.InvalidArgument, failure.ErrorMessage);
            }
        }

        return await next().ConfigureAwait(false);
    }
}
