using MediatR;

namespace BleepStore.Application.Admin;

/// <summary>
/// A request of the admin API. The host authenticates it (the bearer token) before it sends it; the pipeline
/// does not count it as an S3 operation, and a failed validator answers <see cref="AdminException"/> (400
/// <c>bad_request</c>) rather than an S3 error.
/// </summary>
public interface IAdminRequest;

/// <inheritdoc cref="IAdminRequest"/>
public interface IAdminRequest<out TResponse> : IAdminRequest, IRequest<TResponse>;
