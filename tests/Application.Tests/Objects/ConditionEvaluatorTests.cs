using BleepStore.Application.Objects;

namespace BleepStore.Application.Tests.Objects;

public sealed class ConditionEvaluatorTests
{
    private const string ETag = "\"abc\"";
    private static readonly DateTimeOffset Modified = new(2026, 2, 22, 12, 0, 0, 500, TimeSpan.Zero);

    [Theory]
    [InlineData("\"abc\"", null, null, null, ConditionOutcome.Proceed)]
    [InlineData("\"zzz\"", null, null, null, ConditionOutcome.PreconditionFailed)]
    [InlineData(null, "\"abc\"", null, null, ConditionOutcome.NotModified)]
    [InlineData(null, "\"zzz\"", null, null, ConditionOutcome.Proceed)]
    [InlineData(null, null, "Sun, 22 Feb 2026 12:01:00 GMT", null, ConditionOutcome.NotModified)]
    [InlineData(null, null, "Sun, 22 Feb 2026 12:00:00 GMT", null, ConditionOutcome.NotModified)]
    [InlineData(null, null, "Sun, 22 Feb 2026 11:59:59 GMT", null, ConditionOutcome.Proceed)]
    [InlineData(null, null, null, "Sat, 01 Jan 2000 00:00:00 GMT", ConditionOutcome.PreconditionFailed)]
    [InlineData(null, null, null, "Sun, 22 Feb 2026 12:00:00 GMT", ConditionOutcome.Proceed)]
    [InlineData("\"abc\"", null, null, "Sat, 01 Jan 2000 00:00:00 GMT", ConditionOutcome.Proceed)]
    [InlineData(null, "\"zzz\"", "Sun, 22 Feb 2026 12:01:00 GMT", null, ConditionOutcome.Proceed)]
    [InlineData(null, null, "not a date", "also not a date", ConditionOutcome.Proceed)]
    [InlineData("*", null, null, null, ConditionOutcome.Proceed)]
    public void Evaluate_FollowsS3Precedence(string? ifMatch, string? ifNoneMatch, string? ifModifiedSince, string? ifUnmodifiedSince, object expected)
    {
        // The outcome type is internal, so the public theory takes it boxed.
        var conditions = new ObjectConditions(ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince);
        Assert.Equal((ConditionOutcome)expected, ConditionEvaluator.Evaluate(conditions, ETag, Modified));
    }
}
