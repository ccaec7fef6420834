using BleepStore.Application.Objects;
using BleepStore.Application.Objects.CopyObject;
using BleepStore.Application.Objects.PostObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Uploads.CompleteMultipartUpload;
using MediatR;

namespace BleepStore.Application.Behaviors;

/// <summary>
/// On a gateway that names upstream objects by key (decision 0010): once PutObject, CopyObject or
/// CompleteMultipartUpload has committed its row, the key's upstream object is brought in line with it before
/// the client hears back (<see cref="KeyPublisher"/>), unless the handler wrote straight under the key's name and
/// left it in line already (a PUT, CopyObject or Complete of a key with no published object). Elsewhere it only passes the request on.
/// </summary>
internal sealed class KeyPublishingBehavior<TRequest, TResponse>(KeyPublisher keys) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Off (every backend but a key-named gateway) and for every other request: no extra await on the hot path.
        var target = keys.Enabled ? request switch
        {
            PutObjectCommand put => (put.Bucket, put.Key),
            CopyObjectCommand copy => (copy.Bucket, copy.Key),
            CompleteMultipartUploadCommand complete => (complete.Bucket, complete.Key),
            _ => default((string Bucket, string Key)?),
        } : null;
        if (keys.Enabled && request is PostObjectCommand)
        {
            return PublishPostAsync(next); // the key is known once the form is read
        }

        return target is { } t ? PublishAfterAsync(t.Bucket, t.Key, next) : next();
    }

    private async Task<TResponse> PublishPostAsync(RequestHandlerDelegate<TResponse> next)
    {
        var response = await next().ConfigureAwait(false);
        if (response is PostObjectResult { KeyInLine: false } posted)
        {
            await keys.SyncAsync(posted.Bucket, posted.Key, CancellationToken.None).ConfigureAwait(false);
        }

        return response;
    }

    private async Task<TResponse> PublishAfterAsync(string bucket, string key, RequestHandlerDelegate<TResponse> next)
    {
        var response = await next().ConfigureAwait(false);
        if (response is PutObjectResult { KeyInLine: true } or CopyObjectResult { KeyInLine: true } or CompleteMultipartUploadResult { KeyInLine: true })
        {
            return response; // written under the key's name, which the key publisher left in line with the row
        }

        // The row is committed: the client's write stands whatever happens upstream now.
        await keys.SyncAsync(bucket, key, CancellationToken.None).ConfigureAwait(false);
        return response;
    }
}
