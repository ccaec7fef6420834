using MediatR;

namespace BleepStore.Application.Admin.GetConfig;

/// <summary>The host redacted its settings when it built <see cref="AdminHostInfo"/>; nothing secret reaches this point.</summary>
internal sealed class GetConfigHandler(AdminHostInfo host) : IRequestHandler<GetConfigQuery, AdminHostInfo>
{
    public Task<AdminHostInfo> Handle(GetConfigQuery request, CancellationToken cancellationToken) => Task.FromResult(host);
}
