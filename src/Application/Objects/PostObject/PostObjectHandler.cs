using BleepStore.Application.Abstractions;
using BleepStore.Application.Auth;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using MediatR;

namespace BleepStore.Application.Objects.PostObject;

/// <summary>
/// A browser-based upload: the form's signature names the caller (an unsigned form is anonymous and meets the
/// bucket's ACL), the policy judges the fields, then the file streams through PutObject's own handler (bucket,
/// access, ACL, tags, checksums, one commit) under the key, with <c>${filename}</c> replaced by the file's name.
/// </summary>
internal sealed class PostObjectHandler(IRequestHandler<PutObjectCommand, PutObjectResult> put, SigV4Authenticator authenticator, IClock clock)
    : IRequestHandler<PostObjectCommand, PostObjectResult>
{
    public async Task<PostObjectResult> Handle(PostObjectCommand request, CancellationToken cancellationToken)
    {
        var form = new PostForm(request.Fields);
        var caller = request.Context.Caller;
        var accessKeyId = request.Context.AccessKeyId;
        var file = request.File!;
        if (form.Get("policy") is { } policyText)
        {
            var signature = new PostSignature(
                policyText,
                form.IsSigV4 ? form.Get("x-amz-algorithm") : null,
                form.Get("x-amz-credential"),
                form.Get("x-amz-date"),
                form.Get("AWSAccessKeyId"),
                form.IsSigV4 ? form.Get("x-amz-signature") : form.Get("signature"));
            if (await authenticator.AuthenticatePostAsync(signature, cancellationToken).ConfigureAwait(false) is { } signer)
            {
                (caller, accessKeyId) = signer;
            }

            var policy = PostPolicy.Parse(policyText);
            policy.Evaluate(request.Bucket, form, clock.UtcNow);
            if (policy.MaxLength is { } max)
            {
                file = new LengthRangeStream(file, policy.MinLength ?? 0, max);
            }
        }

        var key = form.Get("key")!.Replace("${filename}", FileName(request.FileName), StringComparison.Ordinal);
        var result = await put.Handle(
            new PutObjectCommand
            {
                Context = new S3RequestContext { RequestId = request.Context.RequestId, Caller = caller, AccessKeyId = accessKeyId, Authenticated = true },
                Bucket = request.Bucket,
                Key = key,
                Body = file,
                ContentLength = null,
                Content = request.Content,
                UserMetadata = request.UserMetadata,
                Acl = request.Acl,
                StorageClass = request.StorageClass,
                Tagging = request.Tagging,
                ChecksumHeaders = request.ChecksumHeaders,
            },
            cancellationToken).ConfigureAwait(false);

        var (status, redirect) = SuccessAction(form, request.Bucket, key, result.ETag);
        return new PostObjectResult(request.Bucket, key, result.ETag, result.Checksums, result.VersionId, status, redirect) { KeyInLine = result.KeyInLine };
    }

    /// <summary>The last segment of the name a browser sent (some send a whole Windows path).</summary>
    internal static string FileName(string? sent)
    {
        if (string.IsNullOrEmpty(sent))
        {
            return "";
        }

        var slash = sent.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? sent : sent[(slash + 1)..];
    }

    /// <summary>
    /// <c>success_action_redirect</c> (or the older <c>redirect</c>) when it is an absolute URL: 303 to it with
    /// <c>bucket</c>, <c>key</c> and <c>etag</c> appended; else <c>success_action_status</c> 200 or 201; anything else 204.
    /// </summary>
    internal static (int Status, string? Redirect) SuccessAction(PostForm form, string bucket, string key, string etag)
    {
        var target = form.Get("success_action_redirect") ?? form.Get("redirect");
        if (!string.IsNullOrEmpty(target) && Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var separator = target.Contains('?', StringComparison.Ordinal) ? "&" : "?";
            return (303, $"{target}{separator}bucket={Uri.EscapeDataString(bucket)}&key={Uri.EscapeDataString(key)}&etag={Uri.EscapeDataString(etag)}");
        }

        return form.Get("success_action_status") switch
        {
            "200" => (200, null),
            "201" => (201, null),
            _ => (204, null),
        };
    }
}
