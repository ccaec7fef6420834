using System.Reflection;
using BleepStore.Application.Abstractions;
using BleepStore.Application.Auth;
using BleepStore.Application.Behaviors;
using BleepStore.Application.Objects;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BleepStore.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the mediator, every use case, its validators and the pipeline. The host registers
    /// the ports: <see cref="IMetadataStore"/> and <see cref="IObjectStorage"/> (and may replace
    /// <see cref="IClock"/>).
    /// </summary>
    public static IServiceCollection AddBleepStoreApplication(this IServiceCollection services, S3Options options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton(_ => new Diagnostics.BleepStoreMetrics());
        services.TryAddSingleton<ICredentialStore>(sp => sp.GetRequiredService<IMetadataStore>());
        // The admin use cases' view of the host; a host with an admin API registers its own (version, settings…).
        services.TryAddSingleton(_ => new Admin.AdminHostInfo { StartedAt = new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()) });
        services.AddSingleton(new SigV4Options(options.AuthEnabled));
        services.AddSingleton(sp => new CredentialCache(sp.GetRequiredService<ICredentialStore>(), sp.GetRequiredService<IClock>(), lifetime: options.CredentialCacheLifetime));
        services.AddSingleton(sp => new SigV4Authenticator(sp.GetRequiredService<CredentialCache>(), sp.GetRequiredService<IClock>(), sp.GetRequiredService<SigV4Options>()));
        services.AddSingleton<KeyPublisher>();
        services.AddSingleton<Cors.CorsLookup>();
        services.AddSingleton(sp => new BlobReaper(sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BlobReaper>>(), sp.GetRequiredService<KeyPublisher>()));
        services.AddSingleton<Uploads.UploadReaper>();
        services.TryAddSingleton(new Lifecycle.LifecycleOptions());
        services.AddSingleton<Lifecycle.LifecycleWorker>();
        services.AddSingleton<Objects.StorageReconciler>();

        services.AddSingleton<ServiceFactory>(sp => sp.GetService!);
        services.AddSingleton<IMediator, Mediator>();

        // The pipeline, outermost first (MediatR runs behaviors in registration order):
        // metrics see every outcome; nothing runs before the caller is known; validation and
        // size checks only for authenticated requests.
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(MetricsBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(AuthenticationBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(ExpectedBucketOwnerBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(SizeLimitBehavior<,>));
        services.AddSingleton(typeof(IPipelineBehavior<,>), typeof(KeyPublishingBehavior<,>));

        // One scan of this assembly at start-up; handlers hold only singletons, so they are singletons too.
        foreach (var type in typeof(DependencyInjection).Assembly.GetTypes())
        {
            if (type.IsAbstract || type.IsGenericTypeDefinition)
            {
                continue;
            }

            foreach (var contract in type.GetInterfaces())
            {
                if (contract.IsGenericType &&
                    (contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>) || contract.GetGenericTypeDefinition() == typeof(IValidator<>)))
                {
                    services.AddSingleton(contract, type);
                }
            }
        }

        return services;
    }
}
