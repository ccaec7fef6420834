using BleepStore.Application.Validation;
using BleepStore.Domain.Errors;
using FluentValidation;

namespace BleepStore.Application.Objects.PostObject;

/// <summary>
/// The form's shape, before the policy is read: exactly one file, a <c>key</c> field, and the signing fields
/// complete: Version 4 (<c>x-amz-algorithm</c>, <c>x-amz-credential</c>, <c>x-amz-date</c>, <c>x-amz-signature</c>) or
/// Version 2 (<c>AWSAccessKeyId</c>, <c>signature</c>) beside <c>policy</c>; a form with none of them is anonymous.
/// </summary>
internal sealed class PostObjectValidator : S3Validator<PostObjectCommand>
{
    private static readonly string[] V4Fields = ["x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature"];
    private static readonly string[] V2Fields = ["AWSAccessKeyId", "signature"];

    public PostObjectValidator()
    {
        RuleFor(c => c.File).NotNull().WithS3Error(_ => new S3Exception(S3Errors.IncorrectNumberOfFilesInPostRequest));
        RuleFor(c => c.Fields)
            .Must(fields => MissingField(new PostForm(fields)) is null)
            .WithS3Error((_, fields) => S3Exception.InvalidArgument(
                $"Bucket POST must contain a field named '{MissingField(new PostForm(fields))}'.  If it is specified, please check the order of the fields.",
                MissingField(new PostForm(fields))!,
                ""));
    }

    /// <summary>The first field the form needs and lacks, in S3's order; null when the form is complete.</summary>
    internal static string? MissingField(PostForm form)
    {
        if (!form.Has("key"))
        {
            return "key";
        }

        var signed = form.IsSigV4 || form.IsSigV2;
        if (!form.Has("policy"))
        {
            return signed ? "policy" : null;
        }

        var required = form.IsSigV4 ? V4Fields : V2Fields;
        foreach (var name in required)
        {
            if (!form.Has(name))
            {
                return name;
            }
        }

        return null;
    }
}
