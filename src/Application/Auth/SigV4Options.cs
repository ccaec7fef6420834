namespace BleepStore.Application.Auth;

/// <summary>SigV4 settings: <c>auth.enabled</c> and the allowed clock difference (spec 40: 900 s).</summary>
internal sealed record SigV4Options(bool Enabled = true, int ClockSkewSeconds = 900);
