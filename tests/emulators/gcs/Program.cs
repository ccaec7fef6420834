using BleepStore.Infrastructure.Tests.Storage.Gcp;

// BleepStore.GcsTestServer BUCKET... — serves the GCS JSON API in memory on a free loopback port with those buckets,
// prints "listening on http://127.0.0.1:PORT" once ready, and runs until SIGTERM/SIGINT.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: BleepStore.GcsTestServer BUCKET...");
    return 2;
}

await using var server = await GcsTestServer.StartAsync(args);
Console.WriteLine($"listening on {server.BaseUri.ToString().TrimEnd('/')}");
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

return 0;
