using BleepStore.Application.Buckets.CreateBucket;
using BleepStore.Application.Listing.ListObjectsV2;
using BleepStore.Application.Objects.GetObject;
using BleepStore.Application.Objects.PutObject;
using BleepStore.Application.Requests;
using BleepStore.Infrastructure.Hosting;
using MediatR;

namespace FileArchiver;

/// <summary>
/// Moves every file of the inbox into the archive bucket (key = file name), reads each one back to check it,
/// then lists the bucket. Runs once or every ten seconds. BleepStore's own start-up (recovery, credential
/// seeding) has already run: it is a hosted service registered before this one.
/// </summary>
internal sealed partial class ArchiveWorker(IMediator mediator, ArchiverSettings settings, BleepStoreOptions store, IHostApplicationLifetime lifetime, ILogger<ArchiveWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // In-process requests are trusted; they act as the seeded account, which owns what they create.
        var context = () => S3RequestContext.Trusted(store.SeededOwner);
        await mediator.Send(new CreateBucketCommand(context(), settings.Bucket), stoppingToken);
        do
        {
            foreach (var path in Directory.Exists(settings.Inbox) ? Directory.GetFiles(settings.Inbox) : [])
            {
                await ArchiveAsync(context, path, stoppingToken);
            }

            var listing = await mediator.Send(new ListObjectsV2Query(context(), settings.Bucket), stoppingToken);
            foreach (var entry in listing.Page.Contents)
            {
                Console.WriteLine($"archived {entry.Key} {entry.Size} {entry.ETag}");
            }
        }
        while (!settings.Once && await Delay(stoppingToken));

        lifetime.StopApplication();
    }

    private async Task ArchiveAsync(Func<S3RequestContext> context, string path, CancellationToken ct)
    {
        var key = Path.GetFileName(path);
        await using (var file = File.OpenRead(path))
        {
            await mediator.Send(new PutObjectCommand { Context = context(), Bucket = settings.Bucket, Key = key, Body = file, ContentLength = file.Length }, ct);
        }

        // Read it back before the inbox copy goes: the archive must hold the same bytes.
        var stored = await mediator.Send(new GetObjectQuery(context(), settings.Bucket, key), ct);
        await using (var body = stored.Body!)
        await using (var original = File.OpenRead(path))
        {
            if (!await SameBytesAsync(body, original, ct))
            {
                throw new InvalidOperationException($"archived copy of {key} differs from the file");
            }
        }

        File.Delete(path);
        LogArchived(logger, key);
    }

    private static async Task<bool> SameBytesAsync(Stream a, Stream b, CancellationToken ct)
    {
        var left = new byte[81920];
        var right = new byte[81920];
        while (true)
        {
            var n = await a.ReadAtLeastAsync(left, left.Length, throwOnEndOfStream: false, ct);
            var m = await b.ReadAtLeastAsync(right, right.Length, throwOnEndOfStream: false, ct);
            if (n != m || !left.AsSpan(0, n).SequenceEqual(right.AsSpan(0, m)))
            {
                return false;
            }

            if (n == 0)
            {
                return true;
            }
        }
    }

    private static async Task<bool> Delay(CancellationToken ct)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(10), ct);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Archived {key}")]
    private static partial void LogArchived(ILogger logger, string key);
}
