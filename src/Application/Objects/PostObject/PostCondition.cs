namespace BleepStore.Application.Objects.PostObject;

/// <summary>One <c>eq</c> or <c>starts-with</c> condition of a POST policy; <see cref="ToString"/> is how S3 quotes it in AccessDenied.</summary>
internal sealed record PostCondition(string Operation, string Field, string Value)
{
    public bool IsMetBy(string value) => Operation == "eq"
        ? string.Equals(value, Value, StringComparison.Ordinal)
        : value.StartsWith(Value, StringComparison.Ordinal);

    public override string ToString() => $"[\"{Operation}\", \"${Field}\", \"{Value}\"]";
}
