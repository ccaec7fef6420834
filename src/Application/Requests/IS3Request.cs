using MediatR;

namespace BleepStore.Application.Requests;

/// <summary>Every S3 command and query: carries the request context the pipeline behaviors read.</summary>
public interface IS3Request<out TResult> : IRequest<TResult>
{
    S3RequestContext Context { get; }
}
