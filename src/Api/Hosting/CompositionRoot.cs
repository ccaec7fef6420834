using BleepStore.Api.Configuration;
using BleepStore.Api.Http;
using BleepStore.Api.S3;
using BleepStore.Application;
using BleepStore.Application.Abstractions;
using BleepStore.Domain.Access;

namespace BleepStore.Api.Hosting;

/// <summary>Everything the host registers: the Application (mediator, handlers, pipeline), the adapters and the Api's own parts.</summary>
internal static class CompositionRoot
{
    public static S3Options S3OptionsFrom(BleepStoreConfig config) => new()
    {
        Region = config.Server.Region,
        MaxObjectSize = config.Server.MaxObjectSize,
        AuthEnabled = config.Auth.Enabled,
        DefaultOwner = SeededOwner(config.Auth),
    };

    /// <summary>Spec 95 #9: the seeded account's id and display name are its access key.</summary>
    public static Owner SeededOwner(AuthConfig auth) => new(auth.AccessKey, auth.AccessKey);

    public static IServiceCollection AddBleepStore(this IServiceCollection services, BleepStoreConfig config)
    {
        services.AddSingleton(config);
        services.AddSingleton(config.Observability);
        services.AddBleepStoreApplication(S3OptionsFrom(config));

        // Factories, so the container owns (and disposes) what they open; opened at start-up by StartupRecovery.
        services.AddSingleton<IMetadataStore>(_ => Backends.OpenMetadata(config.Metadata));
        services.AddSingleton<IObjectStorage>(_ => Backends.OpenStorage(config.Storage, config.Metadata));

        services.AddSingleton(new S3Router(config.Server.Domains));
        services.AddSingleton<ErrorResponder>();
        services.AddSingleton<S3RequestHandler>();
        services.AddHostedService<UploadReaperService>();
        if (config.Observability.Metrics)
        {
            services.AddSingleton(sp => new Observability.MetricsRegistry(sp.GetRequiredService<IMetadataStore>()));
        }

        return services;
    }
}
