using Microsoft.Data.Sqlite;

namespace BleepStore.Infrastructure.Metadata.Sqlite;

internal static class SqliteCommandExtensions
{
    /// <summary>Sets a parameter of a cached command, adding it on first use (null becomes SQL NULL).</summary>
    public static SqliteCommand Set(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var i = parameters.IndexOf(name);
        if (i < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[i].Value = value ?? DBNull.Value;
        }

        return command;
    }

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
