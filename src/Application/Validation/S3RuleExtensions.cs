using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Validation;

/// <summary>
/// Ties a FluentValidation rule to the exact S3 error it stands for (code, status, S3's message and the
/// extra elements of the Error document): <see cref="Behaviors.ValidationBehavior{TRequest, TResponse}"/>
/// throws the first failure's error as it is. The error is built only when the rule fails, and it is
/// carried whole rather than as a message template, so a value echoed in it is never reformatted.
/// </summary>
internal static class S3RuleExtensions
{
    public static IRuleBuilderOptions<T, TProperty> WithS3Error<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, S3Exception> error) =>
        rule.WithState(error);

    public static IRuleBuilderOptions<T, TProperty> WithS3Error<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, Func<T, TProperty, S3Exception> error) =>
        rule.WithState(error);
}
