using FluentValidation;

namespace BleepStore.Application.Admin.CreateCredential;

internal sealed class CreateCredentialValidator : AbstractValidator<CreateCredentialCommand>
{
    public const int MaxLength = 256;

    public CreateCredentialValidator()
    {
        RuleFor(c => c.Description).MaximumLength(MaxLength)
            .WithMessage($"'description' is longer than {MaxLength} characters.");
        RuleFor(c => c.OwnerId).Must(id => id is null || (id.Length is > 0 and <= MaxLength && !id.Any(char.IsControl)))
            .WithMessage($"'owner_id' must be 1 to {MaxLength} characters without control characters.");
        RuleFor(c => c.DisplayName).Must(name => name is null || (name.Length <= MaxLength && !name.Any(char.IsControl)))
            .WithMessage($"'display_name' must be at most {MaxLength} characters without control characters.");
    }
}
