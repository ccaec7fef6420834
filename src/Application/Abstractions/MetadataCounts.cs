namespace BleepStore.Application.Abstractions;

public readonly record struct MetadataCounts(long Buckets, long Objects, long Uploads, long TotalObjectBytes);
