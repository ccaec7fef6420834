using BleepStore.Domain.Checksums;

namespace BleepStore.Application.Objects.GetObjectAttributes;

/// <summary>One <c>Part</c> of <see cref="ObjectPartsPage"/>; <paramref name="Checksum"/> null for an object completed before parts' checksums were kept.</summary>
public sealed record ObjectPartEntry(int PartNumber, long Size, ChecksumValue? Checksum);
