using FluentValidation;

namespace BleepStore.Application.Validation;

/// <summary>
/// Base of every use case's validator: rules run in declaration order and stop at the first failure,
/// because S3 reports one error and the rest would be wasted work on the request path.
/// </summary>
internal abstract class S3Validator<T> : AbstractValidator<T>
{
    protected S3Validator()
    {
        ClassLevelCascadeMode = CascadeMode.Stop;
        RuleLevelCascadeMode = CascadeMode.Stop;
    }
}
