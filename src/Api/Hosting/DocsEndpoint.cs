using System.Runtime.CompilerServices;

namespace BleepStore.Api.Hosting;

/// <summary>
/// <c>/docs</c>: Swagger UI for <c>/openapi.json</c>, its assets embedded in the package (no CDN at run time).
/// The Swagger UI middleware (and the static-file, JSON and header assemblies it pulls in) is built on the
/// first request whose path starts with <c>/docs</c>, so start-up and idle memory pay nothing for it.
/// </summary>
internal static class DocsEndpoint
{
    public const string RoutePrefix = "docs";

    /// <summary>
    /// Every path the Swagger UI middleware could answer starts with <c>/docs</c> (its redirect and index
    /// patterns, case-insensitive, and its static files under <c>/docs/</c>); any other request goes straight on,
    /// as it did when the middleware saw every request and passed it through.
    /// </summary>
    public static bool MayBeDocs(PathString path) =>
        path.Value is { } value && value.StartsWith("/" + RoutePrefix, StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseDocsOnFirstRequest(this IApplicationBuilder app) => app.Use(next =>
    {
        var ui = new Lazy<RequestDelegate>(() => BuildSwaggerUi(app, next), LazyThreadSafetyMode.ExecutionAndPublication);
        return context => MayBeDocs(context.Request.Path) ? ui.Value(context) : next(context);
    });

    /// <summary>Kept out of line: the Swashbuckle assembly loads when this runs, not when the pipeline is built.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static RequestDelegate BuildSwaggerUi(IApplicationBuilder app, RequestDelegate next)
    {
        var branch = app.New();
        branch.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = RoutePrefix;
            ui.SwaggerEndpoint("/openapi.json", "BleepStore S3-Compatible API");
            ui.DocumentTitle = "BleepStore API (swagger)";
        });
        branch.Run(next);
        return branch.Build();
    }
}
