namespace BleepStore.Application.Requests;

/// <summary>
/// Marks requests whose handler reads the whole body before it changes anything (PutObject,
/// UploadPart). For these, a signature that depends on the body (no <c>x-amz-content-sha256</c>
/// header) is checked when the body ends instead of buffering it first.
/// </summary>
internal interface IStreamingBody : IHasBody
{
}
