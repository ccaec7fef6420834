namespace BleepStore.Application.Requests;

/// <summary>
/// A request with a payload. The authentication behavior may replace <see cref="Body"/> with a
/// decoding/verifying stream (aws-chunked, declared SHA-256) and set <see cref="ContentLength"/> to
/// the decoded length.
/// </summary>
internal interface IHasBody
{
    Stream Body { get; set; }

    /// <summary>Length of the (decoded) payload, or null when the client did not declare one.</summary>
    long? ContentLength { get; set; }
}
