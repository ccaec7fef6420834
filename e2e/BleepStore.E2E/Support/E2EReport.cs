namespace BleepStore.E2E.Support;

/// <summary>Measured numbers (timings, sizes) the run should print: appended to BLEEPSTORE_E2E_METRICS when set, and to the test output.</summary>
internal static class E2EReport
{
    private static readonly Lock Gate = new();

    public static void Line(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("BLEEPSTORE_E2E_METRICS");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(file, $"{DateTime.Now:HH:mm:ss} {line}{Environment.NewLine}");
        }
    }
}
