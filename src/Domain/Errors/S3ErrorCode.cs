namespace BleepStore.Domain.Errors;

/// <summary>One entry of the S3 error catalogue: the code clients switch on, its HTTP status and S3's English message.</summary>
public sealed record S3ErrorCode(string Code, int HttpStatus, string DefaultMessage);
