namespace BleepStore.Application.Streams;

/// <summary>A body that carries trailing headers (aws-chunked with a trailer); filled once the body has ended.</summary>
internal interface ITrailerSource
{
    /// <summary>Trailer values by lower-case name; empty until EOF or when none were sent.</summary>
    IReadOnlyDictionary<string, string> Trailers { get; }
}
