using BleepStore.Infrastructure.Hosting;
using FileArchiver;

// A worker that keeps files in BleepStore with no HTTP at all: everything goes through IMediator.
//   dotnet run --project samples/FileArchiver -- --inbox ./inbox --data ./archive-data [--once]
var builder = Host.CreateApplicationBuilder(args);
var settings = ArchiverSettings.From(builder.Configuration);
builder.Services.AddSingleton(settings);
builder.Services.AddBleepStore(BleepStoreOptions.InDirectory(settings.DataDirectory));
builder.Services.AddHostedService<ArchiveWorker>();
await builder.Build().RunAsync();
