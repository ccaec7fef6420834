namespace BleepStore.Infrastructure.Configuration;

/// <summary>
/// A cluster node's id (<c>cluster.node_id</c>, docs/cluster.md): names the node's temp directory on shared storage,
/// so it is one path segment: 1-64 ASCII letters, digits, '.', '_' or '-', not starting with '.'.
/// </summary>
public static class NodeIds
{
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id[0] != '.' && id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>
    /// The id a node takes when none is configured: its host name and port, so nodes on different hosts need nothing
    /// and nodes sharing a host differ by port (the process id when the port is not known or 0). Characters a
    /// node id cannot hold become '-'.
    /// </summary>
    public static string Default(int? port)
    {
        var host = new string(Environment.MachineName.Select(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-').ToArray()).TrimStart('.');
        var suffix = port is > 0 ? port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : "pid" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        host = host.Length == 0 ? "node" : host[..Math.Min(host.Length, 64 - 1 - suffix.Length)];
        return host + "-" + suffix;
    }
}
