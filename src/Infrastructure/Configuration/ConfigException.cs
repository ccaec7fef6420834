namespace BleepStore.Infrastructure.Configuration;

/// <summary>A configuration problem, reported as one line naming the key; start-up stops with exit code 1.</summary>
public sealed class ConfigException(string key, string problem) : Exception($"{key}: {problem}")
{
    public string Key { get; } = key;
}
