namespace BleepStore.Application.Admin;

/// <summary>
/// An admin API error: HTTP status, the machine-readable <see cref="Error"/> of spec 70 (<c>bad_request</c>,
/// <c>not_found</c>, <c>conflict</c>, …) and a message for people. The host writes it as <c>{"error","message"}</c>.
/// </summary>
public sealed class AdminException(int status, string error, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Error { get; } = error;

    public static AdminException BadRequest(string message) => new(400, "bad_request", message);

    public static AdminException NotFound(string message) => new(404, "not_found", message);

    public static AdminException Conflict(string message) => new(409, "conflict", message);
}
