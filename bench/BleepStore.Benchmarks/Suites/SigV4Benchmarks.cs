using BenchmarkDotNet.Attributes;
using BleepStore.Application.Auth;
using BleepStore.Application.Requests;
using BleepStore.Benchmarks.Support;

namespace BleepStore.Benchmarks.Suites;

/// <summary>SigV4 header verification of a signed GET (credential and signing key cached, as in steady state).</summary>
[MemoryDiagnoser]
public class SigV4Benchmarks
{
    private readonly SigV4Authenticator _auth = new(new BenchSigner.OneCredential(), new BenchSigner.FixedClock(), new SigV4Options());
    private readonly HttpRequestFacts _getObject = BenchSigner.SignedGet("/bucket/photos/2026/11/img_0042.jpg");
    private readonly HttpRequestFacts _listV2 = BenchSigner.SignedGet("/bucket", "list-type=2&max-keys=1000&prefix=photos%2F2026%2F");

    [GlobalSetup]
    public void Setup()
    {
        // Fail loudly if the inputs do not verify: a benchmark of the error path would flatter us.
        _ = _auth.AuthenticateAsync(_getObject, CancellationToken.None).GetAwaiter().GetResult().Caller
            ?? throw new InvalidOperationException("signed GET did not authenticate");
        _ = _auth.AuthenticateAsync(_listV2, CancellationToken.None).GetAwaiter().GetResult().Caller
            ?? throw new InvalidOperationException("signed list did not authenticate");
    }

    [Benchmark(Baseline = true)]
    public Task VerifyGetObject() => _auth.AuthenticateAsync(_getObject, CancellationToken.None);

    [Benchmark]
    public Task VerifyListV2WithQuery() => _auth.AuthenticateAsync(_listV2, CancellationToken.None);
}
