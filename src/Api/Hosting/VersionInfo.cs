using System.Reflection;

namespace BleepStore.Api.Hosting;

/// <summary>
/// The build's version and commit: the SDK stamps the informational version as <c>0.1.0+&lt;commit sha&gt;</c>
/// when it builds from a git checkout (Source Link).
/// </summary>
internal static class VersionInfo
{
    private static readonly string Informational =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The version without the commit, e.g. <c>0.1.0</c>.</summary>
    public static string Version => Informational.Split('+')[0];

    /// <summary>The commit the build came from, or <c>unknown</c>.</summary>
    public static string Commit => Informational.Split('+') is [_, var sha, ..] && sha.Length > 0 ? sha : "unknown";
}
