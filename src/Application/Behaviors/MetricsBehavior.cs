using BleepStore.Application.Diagnostics;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>Outermost behavior: counts every operation by name and outcome.</summary>
internal sealed class MetricsBehavior<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly KeyValuePair<string, object?> Success = new("status", "success");
    private static readonly KeyValuePair<string, object?> Error = new("status", "error");

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var operation = new KeyValuePair<string, object?>("operation", OperationNames.Of(typeof(TRequest)));
        try
        {
            var response = await next().ConfigureAwait(false);
            BleepStoreMetrics.Operations.Add(1, operation, Success);
            return response;
        }
        catch
        {
            BleepStoreMetrics.Operations.Add(1, operation, Error);
            throw;
        }
    }
}
