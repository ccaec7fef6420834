using BleepStore.Application.Abstractions;
using MediatR;

namespace BleepStore.Application.Admin.ListCredentials;

internal sealed class ListCredentialsHandler(ICredentialStore credentials) : IRequestHandler<ListCredentialsQuery, IReadOnlyList<CredentialSummary>>
{
    public async Task<IReadOnlyList<CredentialSummary>> Handle(ListCredentialsQuery request, CancellationToken cancellationToken)
    {
        var all = await credentials.ListCredentialsAsync(cancellationToken).ConfigureAwait(false);
        return all.Select(CredentialSummary.Of).ToList();
    }
}
