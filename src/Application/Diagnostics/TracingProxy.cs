using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace BleepStore.Application.Diagnostics;

/// <summary>
/// Wraps a port (the metadata store) so each async call becomes a child span <c>&lt;prefix&gt;.&lt;Method&gt;</c>
/// of the current operation span. The host puts it in place only when tracing is configured, so with tracing
/// off the port is called directly. A proxy rather than a hand-written decorator: the port's methods change
/// and every one of them is traced without a list to keep in step.
/// </summary>
public class TracingProxy<T> : DispatchProxy
    where T : class
{
    private static readonly ConcurrentDictionary<MethodInfo, string> Names = new();

    private T _inner = null!;
    private string _prefix = null!;

    /// <summary>The wrapped port (for hosts that need its concrete type).</summary>
    public T Inner => _inner;

    public static T Create(T inner, string prefix)
    {
        var proxy = Create<T, TracingProxy<T>>();
        var self = (TracingProxy<T>)(object)proxy;
        self._inner = inner;
        self._prefix = prefix;
        return proxy;
    }

    public static T Unwrap(T port) => port is TracingProxy<T> proxy ? proxy._inner : port;

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!typeof(Task).IsAssignableFrom(targetMethod.ReturnType))
        {
            return Call(targetMethod, args);
        }

        var parent = Activity.Current;
        var span = BleepStoreTracing.Source.StartActivity(Names.GetOrAdd(targetMethod, m => $"{_prefix}.{Trim(m.Name)}"), ActivityKind.Internal);
        Task task;
        try
        {
            task = (Task)Call(targetMethod, args)!;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            span?.Dispose();
            throw;
        }
        finally
        {
            // The call has captured the span as its parent; the caller goes on under its own.
            Activity.Current = parent;
        }

        if (span is not null)
        {
            task.ContinueWith(
                static (t, state) =>
                {
                    var s = (Activity)state!;
                    if (t.Exception is { } e)
                    {
                        s.SetStatus(ActivityStatusCode.Error, e.InnerException?.GetType().Name);
                    }

                    s.Dispose();
                },
                span,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }

        return task;
    }

    private static string Trim(string name) => name.EndsWith("Async", StringComparison.Ordinal) ? name[..^5] : name;

    private object? Call(MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }
}
