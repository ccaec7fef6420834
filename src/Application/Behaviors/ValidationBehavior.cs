using BleepStore.Application.Abstractions;
using BleepStore.Application.Access;
using BleepStore.Application.Requests;
using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// Runs the request's FluentValidation validators after authentication: input checks that need no
/// stored state. The first failure wins, as S3 reports one error; a rule carries its exact S3 error
/// (see <see cref="Validation.S3RuleExtensions"/>), else its ErrorCode names a catalogue entry.
/// An anonymous caller without access to the resource learns only that (AccessDenied), never which
/// argument was wrong: <see cref="AnonymousAccess"/> is asked first, and only when a rule failed.
/// </summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators, IMetadataStore store)
    : IPipelineBehavior<TRequest, TResponse>
{
    private readonly IValidator<TRequest>[] _validators = validators.ToArray();

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        foreach (var validator in _validators)
        {
            if (validator is S3Validator<TRequest> s3 && !s3.HasInput(request))
            {
                continue; // nothing to check: no validation context, no allocation
            }

            // Every rule is synchronous: Validate avoids the async machinery on the GET/PUT path.
            var result = validator.Validate(request);
            if (!result.IsValid)
            {
                // A POST form is signed inside its body (its policy), so every caller looks anonymous here: its shape errors come first, as S3's do.
                if (request is IS3Request<TResponse> { Context: { Caller: null, Http: not null } } and not Objects.PostObject.PostObjectCommand)
                {
                    await AnonymousAccess.DemandAsync(store, request, cancellationToken).ConfigureAwait(false);
                }

                if (request is Admin.IAdminRequest)
                {
                    throw Admin.AdminException.BadRequest(result.Errors[0].ErrorMessage);
                }

                throw ToS3Exception(result.Errors[0]);
            }
        }

        return await next().ConfigureAwait(false);
    }

    private static S3Exception ToS3Exception(FluentValidation.Results.ValidationFailure failure) => failure.CustomState switch
    {
        S3Exception exact => exact,
        _ => new S3Exception(S3ErrorCatalog.Find(failure.ErrorCode) ?? S3Errors.InvalidArgument, failure.ErrorMessage),
    };
}
