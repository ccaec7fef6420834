using FluentValidation;

namespace BleepStore.Application.Admin.SetCredentialStatus;

internal sealed class SetCredentialStatusValidator : AbstractValidator<SetCredentialStatusCommand>
{
    public SetCredentialStatusValidator() =>
        RuleFor(c => c.Status).Must(s => s is "active" or "disabled")
            .WithMessage("'status' must be \"active\" or \"disabled\".");
}
