using BenchmarkDotNet.Attributes;
using BleepStore.Application.Behaviors;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Domain.Access;
using FluentValidation;
using MediatR;

namespace BleepStore.Benchmarks.Suites;

/// <summary>
/// The validation step of the pipeline on the hot path: a plain GET and a plain PUT (nothing to check)
/// against a GET with <c>?partNumber=1</c>, which runs the validator's rules.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly Task<GetObjectResult> GetDone = Task.FromResult<GetObjectResult>(null!);
    private static readonly Task<PutObjectResult> PutDone = Task.FromResult<PutObjectResult>(null!);
    private static readonly RequestHandlerDelegate<GetObjectResult> GetNext = () => GetDone;
    private static readonly RequestHandlerDelegate<PutObjectResult> PutNext = () => PutDone;

    private readonly ValidationBehavior<GetObjectQuery, GetObjectResult> _get = new([new GetObjectValidator()], null!);
    private readonly ValidationBehavior<PutObjectCommand, PutObjectResult> _put = new([new PutObjectValidator()], null!);
    private readonly GetObjectQuery _plainGet;
    private readonly GetObjectQuery _partGet;
    private readonly PutObjectCommand _plainPut;

    public ValidationBenchmarks()
    {
        var context = new S3RequestContext
        {
            Caller = new Owner("o", "o"),
            Authenticated = true,
            Http = new HttpRequestFacts
            {
                Method = "PUT",
                RawPath = "/b/k",
                RawQuery = "",
                Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = "localhost", ["content-length"] = "4096" },
                ContentLength = 4096,
            },
        };
        _plainGet = new GetObjectQuery(context, "b", "k");
        _partGet = new GetObjectQuery(context, "b", "k", PartNumber: 1, RawPartNumber: "1");
        _plainPut = new PutObjectCommand { Context = context, Bucket = "b", Key = "k", Body = Stream.Null, ContentLength = 4096 };
    }

    [Benchmark(Baseline = true)]
    public Task<GetObjectResult> PlainGet() => _get.Handle(_plainGet, CancellationToken.None, GetNext);

    [Benchmark]
    public Task<PutObjectResult> PlainPut() => _put.Handle(_plainPut, CancellationToken.None, PutNext);

    [Benchmark]
    public Task<GetObjectResult> GetWithPartNumber() => _get.Handle(_partGet, CancellationToken.None, GetNext);
}
