namespace BleepStore.Application.Objects;

/// <summary>
/// The <c>x-amz-copy-source-if-*</c> conditions (spec 20 CopyObject): every failure is 412,
/// with the same precedence as GET (if-match beats if-unmodified-since, if-none-match beats if-modified-since).
/// </summary>
internal static class CopyConditions
{
    public static bool Evaluate(ObjectConditions conditions, Domain.Objects.ObjectRecord source) =>
        ConditionEvaluator.Evaluate(conditions, source.ETag, source.LastModified) == ConditionOutcome.Proceed;
}
